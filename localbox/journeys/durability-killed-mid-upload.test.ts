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
import { seededRandom } from '../test-support/seeded-random.ts';
import {
  answered,
  KiB,
  type OpenSession,
  type PathModel,
  Workload,
} from '../test-support/upload-workload.ts';

// Kill -9 at a random moment while uploads of every kind are in flight, restart on the same folder,
// and check that nothing acknowledged was lost and nothing half-written shows up.

const ROUNDS = 6;
const SEED = 0x10ca1b0c;
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
    const random = seededRandom(SEED);
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
