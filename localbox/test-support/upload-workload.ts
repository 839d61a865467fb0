import { randomBytes } from 'node:crypto';
import { contentHash } from '../domain/content-hash.ts';
import type { RawApi } from './process.ts';

// The load the kill -9 durability journey puts on localbox: lanes of uploads of every kind (overwrite,
// add, upload sessions) and a model of what the client was told, to hold the restarted server against.

export const KiB = 1024;
const MiB = 1024 * KiB;

interface Version {
  hash: string;
  size: number;
  rev?: string;
}

/** What the client knows about one path: the version it last saw acknowledged, and one sent but unanswered. */
export interface PathModel {
  committed: Version | null;
  inFlight: Version | null;
}

export interface OpenSession {
  path: string;
  id: string;
  chunks: Uint8Array[];
  /** The chunk of the append or finish that was unanswered when the process died. */
  unanswered: Uint8Array | null;
}

export class NetworkError extends Error {}

/** The answer, or NetworkError if the process died before answering (refused, reset, cut body). */
export async function answered(call: Promise<Response>): Promise<{ status: number; body: string }> {
  try {
    const res = await call;
    return { status: res.status, body: await res.text() };
  } catch (error) {
    throw new NetworkError(String((error as Error).cause ?? error));
  }
}

export function pickSize(random: () => number): number {
  const r = random();
  if (r < 0.15) return 0;
  if (r < 0.65) return 1 + Math.floor(random() * 64 * KiB);
  if (r < 0.9) return 64 * KiB + Math.floor(random() * MiB);
  return MiB + Math.floor(random() * 2 * MiB);
}

export class Workload {
  readonly paths = new Map<string, PathModel>();
  readonly problems: string[] = [];
  /** Per round: the session the session lane had open when the process died. */
  openSession: OpenSession | null = null;
  inFlight = 0;
  acknowledged = 0;
  private stopped = false;
  private round = 0;

  constructor(private readonly random: () => number) {}

  model(path: string): PathModel {
    let model = this.paths.get(path);
    if (!model) {
      model = { committed: null, inFlight: null };
      this.paths.set(path, model);
    }
    return model;
  }

  /** Runs until the process dies under it; resolves when every lane has seen its death. */
  run(api: RawApi, round: number): Promise<void> {
    this.round = round;
    this.stopped = false;
    this.openSession = null;
    this.acknowledged = 0;
    const lanes = [
      ...[0, 1, 2].map((lane) => this.overwriteLane(api, lane)),
      ...[0, 1].map((lane) => this.addLane(api, lane)),
      this.sessionLane(api),
    ];
    return Promise.all(lanes).then(() => undefined);
  }

  /** One lane per path, so "later" is well defined: each lane writes its two paths over and over. */
  private async overwriteLane(api: RawApi, lane: number): Promise<void> {
    while (!this.stopped) {
      const path = `/overwrite/lane-${lane}-${Math.floor(this.random() * 2)}.bin`;
      if (!(await this.upload(api, path, pickSize(this.random), 'overwrite'))) return;
    }
  }

  private async addLane(api: RawApi, lane: number): Promise<void> {
    for (let i = 0; !this.stopped; i++) {
      const path = `/add/round-${this.round}/lane-${lane}-${i}.bin`;
      if (!(await this.upload(api, path, pickSize(this.random), 'add'))) return;
    }
  }

  private async upload(api: RawApi, path: string, size: number, mode: string): Promise<boolean> {
    const bytes = randomBytes(size);
    const model = this.model(path);
    model.inFlight = { hash: contentHash(bytes), size };
    const answer = await this.send(api.upload('files/upload', { path, mode }, bytes));
    if (!answer) return false;
    if (answer.status !== 200) {
      this.problems.push(`upload ${path}: ${answer.status} ${answer.body}`);
      return false;
    }
    const meta = JSON.parse(answer.body) as { content_hash: string; size: number; rev: string };
    if (meta.content_hash !== model.inFlight.hash) this.problems.push(`upload ${path}: wrong content_hash`);
    model.committed = { ...model.inFlight, rev: meta.rev };
    model.inFlight = null;
    return true;
  }

  /** start, one or two appends, finish: each step a chunk, the session id kept for the restart. */
  private async sessionLane(api: RawApi): Promise<void> {
    for (let i = 0; !this.stopped; i++) {
      const path = `/sessions/round-${this.round}-${i}.bin`;
      const chunk = () => randomBytes(64 * KiB + Math.floor(this.random() * 1.5 * MiB));
      const first = chunk();
      const started = await this.send(api.upload('files/upload_session/start', {}, first));
      if (!started) return;
      if (started.status !== 200) {
        this.problems.push(`session start: ${started.status} ${started.body}`);
        return;
      }
      const session: OpenSession = {
        path,
        id: (JSON.parse(started.body) as { session_id: string }).session_id,
        chunks: [first],
        unanswered: null,
      };
      this.openSession = session;
      const appends = 1 + Math.floor(this.random() * 2);
      for (let a = 0; a < appends; a++) {
        const next = chunk();
        session.unanswered = next;
        const offset = session.chunks.reduce((sum, c) => sum + c.length, 0);
        const cursor = { session_id: session.id, offset };
        const appended = await this.send(api.upload('files/upload_session/append_v2', { cursor }, next));
        if (!appended) return;
        if (appended.status !== 200) {
          this.problems.push(`session append: ${appended.status} ${appended.body}`);
          return;
        }
        session.chunks.push(next);
        session.unanswered = null;
      }
      const last = chunk();
      const offset = session.chunks.reduce((sum, c) => sum + c.length, 0);
      const whole = Buffer.concat([...session.chunks, last]);
      const model = this.model(path);
      model.inFlight = { hash: contentHash(whole), size: whole.length };
      session.unanswered = last;
      const finished = await this.send(
        api.upload(
          'files/upload_session/finish',
          { cursor: { session_id: session.id, offset }, commit: { path, mode: 'add' } },
          last,
        ),
      );
      if (!finished) return;
      if (finished.status !== 200) {
        this.problems.push(`session finish: ${finished.status} ${finished.body}`);
        return;
      }
      model.committed = { ...model.inFlight, rev: (JSON.parse(finished.body) as { rev: string }).rev };
      model.inFlight = null;
      this.openSession = null;
    }
  }

  /** null once the process is gone: the lane stops, its last request stays "in flight". */
  private async send(call: Promise<Response>): Promise<{ status: number; body: string } | null> {
    this.inFlight++;
    try {
      const answer = await answered(call);
      this.acknowledged++;
      return answer;
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      this.stopped = true;
      return null;
    } finally {
      this.inFlight--;
    }
  }
}
