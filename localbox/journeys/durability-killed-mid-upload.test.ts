import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../domain/content-hash.ts';
import {
  buildCli,
  killAllLocalboxes,
  type LocalboxProcess,
  type RawApi,
  rawApi,
  spawnLocalbox,
} from '../test-support/process.ts';

// Kill -9 at a random moment while uploads of every kind are in flight, restart on the same folder,
// and check that nothing acknowledged was lost and nothing half-written shows up.

const ROUNDS = 6;
const SEED = 0x10ca1b0c;
const KiB = 1024;
const MiB = 1024 * KiB;

/** mulberry32, seeded: sizes, paths and kill points come from one known sequence (lanes draw from it in
 * whatever order timing gives them, so a run is reproducible in kind, not byte for byte). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Version {
  hash: string;
  size: number;
  rev?: string;
}

/** What the client knows about one path: the version it last saw acknowledged, and one sent but unanswered. */
interface PathModel {
  committed: Version | null;
  inFlight: Version | null;
}

interface OpenSession {
  path: string;
  id: string;
  chunks: Uint8Array[];
  /** The chunk of the append or finish that was unanswered when the process died. */
  unanswered: Uint8Array | null;
}

class NetworkError extends Error {}

/** The answer, or NetworkError if the process died before answering (refused, reset, cut body). */
async function answered(call: Promise<Response>): Promise<{ status: number; body: string }> {
  try {
    const res = await call;
    return { status: res.status, body: await res.text() };
  } catch (error) {
    throw new NetworkError(String((error as Error).cause ?? error));
  }
}

function pickSize(random: () => number): number {
  const r = random();
  if (r < 0.15) return 0;
  if (r < 0.65) return 1 + Math.floor(random() * 64 * KiB);
  if (r < 0.9) return 64 * KiB + Math.floor(random() * MiB);
  return MiB + Math.floor(random() * 2 * MiB);
}

class Workload {
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

interface Metadata {
  '.tag': string;
  path_lower: string;
  path_display: string;
  content_hash: string;
  size: number;
  rev: string;
}

/** Checks one path against the model and collapses the model to what is there now. */
async function verifyPath(api: RawApi, path: string, model: PathModel, problems: string[]): Promise<void> {
  const answer = await answered(api.rpc('files/get_metadata', { path }));
  if (answer.status === 409) {
    expect(JSON.parse(answer.body).error.path['.tag']).toBe('not_found');
    if (model.committed) problems.push(`${path}: acknowledged upload (rev ${model.committed.rev}) is gone`);
    model.inFlight = null;
    return;
  }
  expect(answer.status, answer.body).toBe(200);
  const meta = JSON.parse(answer.body) as Metadata;
  const isCommitted = model.committed?.hash === meta.content_hash && model.committed.rev === meta.rev;
  const isInFlight = model.inFlight?.hash === meta.content_hash && meta.rev !== model.committed?.rev;
  if (!isCommitted && !isInFlight) {
    problems.push(
      `${path}: holds ${meta.content_hash} rev ${meta.rev}; expected the acknowledged ${model.committed?.hash} ` +
        `rev ${model.committed?.rev} or the in-flight ${model.inFlight?.hash}`,
    );
  }
  const res = await api.download({ path });
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(bytes.length).toBe(meta.size);
  expect(contentHash(bytes), `${path}: downloaded bytes differ from content_hash`).toBe(meta.content_hash);
  expect(JSON.parse(res.headers.get('dropbox-api-result') ?? '{}').rev).toBe(meta.rev);
  model.committed = { hash: meta.content_hash, size: meta.size, rev: meta.rev };
  model.inFlight = null;
}

/**
 * The session open when the process died must still be there: at the acknowledged offset, or past the
 * unanswered chunk if that was stored. Finishing it must give exactly the bytes sent.
 */
async function resumeSession(
  api: RawApi,
  session: OpenSession,
  model: PathModel,
  problems: string[],
): Promise<void> {
  const now = await answered(api.rpc('files/get_metadata', { path: session.path }));
  // The finish went through before the kill: verifyPath checks the file like any other.
  if (now.status === 200 && JSON.parse(now.body).content_hash === model.inFlight?.hash) return;
  const acked = session.chunks.reduce((sum, c) => sum + c.length, 0);
  const probe = await answered(
    api.upload(
      'files/upload_session/append_v2',
      { cursor: { session_id: session.id, offset: acked } },
      new Uint8Array(0),
    ),
  );
  let chunks = session.chunks;
  if (probe.status === 409) {
    const error = JSON.parse(probe.body).error;
    const expected = session.unanswered ? acked + session.unanswered.length : -1;
    if (error['.tag'] !== 'incorrect_offset' || error.correct_offset !== expected) {
      problems.push(`session for ${session.path} after restart: ${probe.body} (acknowledged ${acked} bytes)`);
      return;
    }
    chunks = [...session.chunks, session.unanswered as Uint8Array];
  } else {
    expect(probe.status, probe.body).toBe(200);
  }
  const whole = Buffer.concat(chunks);
  const finished = await answered(
    api.upload(
      'files/upload_session/finish',
      {
        cursor: { session_id: session.id, offset: whole.length },
        commit: { path: session.path, mode: 'overwrite' },
      },
      new Uint8Array(0),
    ),
  );
  expect(finished.status, finished.body).toBe(200);
  const meta = JSON.parse(finished.body) as Metadata;
  expect(meta.size).toBe(whole.length);
  expect(meta.content_hash, `resumed session for ${session.path}`).toBe(contentHash(whole));
  model.committed = { hash: meta.content_hash, size: meta.size, rev: meta.rev };
  model.inFlight = null;
}

async function listEverything(api: RawApi): Promise<Metadata[]> {
  const entries: Metadata[] = [];
  let page = await answered(api.rpc('files/list_folder', { path: '', recursive: true, limit: 100 }));
  for (let guard = 0; guard < 1000; guard++) {
    expect(page.status, page.body).toBe(200);
    const body = JSON.parse(page.body) as { entries: Metadata[]; cursor: string; has_more: boolean };
    entries.push(...body.entries);
    if (!body.has_more) return entries;
    page = await answered(api.rpc('files/list_folder/continue', { cursor: body.cursor }));
  }
  throw new Error('list_folder never ended');
}

describe('localbox killed with SIGKILL while uploads are in flight', () => {
  let root: string;

  beforeAll(async () => {
    await buildCli();
    root = mkdtempSync(join(tmpdir(), 'localbox-kill-'));
  });

  afterAll(async () => {
    await killAllLocalboxes();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps every acknowledged upload whole and restarts cleanly, round after round', async () => {
    const dataDir = join(root, 'data');
    const random = prng(SEED);
    const workload = new Workload(random);
    let box: LocalboxProcess = await spawnLocalbox({ dataDir, args: ['--log-level', 'error'] });
    // One token for all rounds: tokens live in the database, so they must survive the kills too.
    const token = box.token;

    for (let round = 0; round < ROUNDS; round++) {
      const api = rawApi(box.url, token);
      const running = workload.run(api, round);

      // Kill at a different moment each round, once something was acknowledged (a loaded machine may
      // take a while to answer the first upload), and always with requests in flight.
      for (let wait = 0; workload.acknowledged === 0 && wait < 2000; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(random() * 500)));
      for (let wait = 0; workload.inFlight === 0 && wait < 200; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(workload.inFlight, 'nothing in flight at the kill').toBeGreaterThan(0);
      const exit = await box.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await running;
      expect(workload.problems, `round ${round} (seed ${SEED})`).toEqual([]);
      expect(workload.acknowledged, 'uploads answered before the kill').toBeGreaterThan(0);

      // The killed process left its locks behind; the restart must take them over.
      expect(readFileSync(join(dataDir, 'localbox.lock'), 'utf8')).toBe(String(box.pid));
      mkdirSync(join(dataDir, 'localbox.sqlite.lock'), { recursive: true });

      box = await spawnLocalbox({ dataDir, args: ['--log-level', 'error'] });
      const restarted = rawApi(box.url, token);
      expect(readdirSync(join(dataDir, 'tmp')), 'temp files left after restart').toEqual([]);

      const session = workload.openSession;
      if (session) await resumeSession(restarted, session, workload.model(session.path), workload.problems);
      for (const [path, model] of workload.paths) {
        await verifyPath(restarted, path, model, workload.problems);
      }
      expect(workload.problems, `round ${round} (seed ${SEED})`).toEqual([]);

      // Listed = what the model says is there, and every listed file has its blob.
      const listed = (await listEverything(restarted)).filter((entry) => entry['.tag'] === 'file');
      const present = [...workload.paths].filter(([, model]) => model.committed);
      expect(listed.map((entry) => entry.path_lower).sort()).toEqual(present.map(([path]) => path).sort());
      for (const entry of listed) {
        const model = workload.paths.get(entry.path_lower);
        expect(entry.rev).toBe(model?.committed?.rev);
        const blob = join(dataDir, 'blobs', entry.content_hash.slice(0, 2), entry.content_hash);
        expect(existsSync(blob), `blob of ${entry.path_display}`).toBe(true);
      }
    }

    // The survivor still takes writes, and stops cleanly: exit 0, lock released.
    const api = rawApi(box.url, token);
    const last = randomBytes(100 * KiB);
    const written = await answered(api.upload('files/upload', { path: '/after-the-kills.bin' }, last));
    expect(written.status, written.body).toBe(200);
    const readBack = await api.download({ path: '/after-the-kills.bin' });
    expect(Buffer.from(await readBack.arrayBuffer()).equals(last)).toBe(true);
    const exit = await box.kill('SIGTERM');
    expect(exit.code).toBe(0);
    expect(existsSync(join(dataDir, 'localbox.lock'))).toBe(false);

    // Every blob on disk is whole: its name is the content hash of its bytes.
    for (const prefix of readdirSync(join(dataDir, 'blobs'))) {
      for (const name of readdirSync(join(dataDir, 'blobs', prefix))) {
        expect(contentHash(readFileSync(join(dataDir, 'blobs', prefix, name))), name).toBe(name);
      }
    }
  }, 80_000);
});
