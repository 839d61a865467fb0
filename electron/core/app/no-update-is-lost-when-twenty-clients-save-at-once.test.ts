import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dropbox } from 'dropbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import { type CoreBench, type CoreHandle, saveText, startCoreBench } from './test-kit.ts';

// Issue 7, "lost updates": 20 clients — the official SDK and Opus cores, mixed — save the same file
// against the same base rev at the same moment. Exactly one may win; every other one must hear
// "conflict"; the winner's bytes are what Dropbox has, and nothing else was written. 50 rounds.
const ROUNDS = 50;
const SDK_CLIENTS = 14;
const OPUS_CLIENTS = 6;
const PATH = '/Contested/report.txt';

let bench: CoreBench;
let cores: CoreHandle[] = [];
const folders: string[] = [];

beforeAll(async () => {
  bench = await startCoreBench();
  cores = [bench.opus];
  // Other computers running Opus: each its own data folder and vault, signed in to the same account.
  for (let i = 1; i < OPUS_CLIENTS; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'opus-contender-'));
    folders.push(dataDir);
    const core = bench.createCore({ dataDir, store: memoryStore() });
    await core.call('signIn', {});
    await core.events.waitFor('accountChanged', (e) => e.signedIn && e.account !== undefined, 10_000);
    cores.push(core);
  }
}, 60_000);

afterAll(async () => {
  await bench.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

type Outcome = { who: string; text: string; kind: 'saved' | 'conflict' | 'other'; detail?: string };

async function sdkSave(client: Dropbox, who: string, rev: string, text: string): Promise<Outcome> {
  try {
    await client.filesUpload({
      path: PATH,
      contents: Buffer.from(text),
      mode: { '.tag': 'update', update: rev },
      strict_conflict: true,
    });
    return { who, text, kind: 'saved' };
  } catch (error) {
    const status = (error as { status?: number }).status;
    const summary = JSON.stringify((error as { error?: unknown }).error ?? '');
    return /conflict/.test(summary) && status === 409
      ? { who, text, kind: 'conflict' }
      : { who, text, kind: 'other', detail: `${status} ${summary}` };
  }
}

async function opusSave(core: CoreHandle, who: string, documentId: string, text: string): Promise<Outcome> {
  try {
    const result = await saveText(core, documentId, text, { confirmed: true });
    return {
      who,
      text,
      kind: result.kind === 'saved' ? 'saved' : result.kind === 'conflict' ? 'conflict' : 'other',
      detail: result.kind,
    };
  } catch (error) {
    return { who, text, kind: 'other', detail: String(error) };
  }
}

test(`${ROUNDS} rounds of ${SDK_CLIENTS + OPUS_CLIENTS} clients saving one file at once: one wins, the rest conflict, nothing is lost`, async () => {
  const sdkClients = Array.from({ length: SDK_CLIENTS }, () => bench.other);
  for (let round = 0; round < ROUNDS; round++) {
    const base = await bench.put(PATH, `round ${round}: the base text\n`);
    const docs = await Promise.all(cores.map((core) => core.open(PATH)));
    for (const doc of docs) expect(doc.remote.rev).toBe(base.rev);

    const outcomes = await Promise.all([
      ...sdkClients.map((client, i) =>
        sdkSave(client, `sdk-${i}`, base.rev, `round ${round}: written by sdk-${i}\n`),
      ),
      ...cores.map((core, i) =>
        opusSave(core, `opus-${i}`, docs[i]?.documentId ?? '', `round ${round}: written by opus-${i}\n`),
      ),
    ]);

    const winners = outcomes.filter((o) => o.kind === 'saved');
    const strays = outcomes.filter((o) => o.kind === 'other');
    expect(strays, `round ${round}`).toEqual([]);
    expect(
      winners.map((w) => w.who),
      `round ${round}`,
    ).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'conflict')).toHaveLength(SDK_CLIENTS + OPUS_CLIENTS - 1);
    // Dropbox holds the winner's bytes, and exactly one revision was added on top of the base.
    expect((await bench.get(PATH)).toString()).toBe(winners[0]?.text);
    const revisions = (await bench.other.filesListRevisions({ path: PATH, limit: 100 })).result.entries;
    expect(revisions[1]?.rev, `round ${round}: the revision under the winner`).toBe(base.rev);
    // No retry or conflict path wrote a second file beside it.
    const listed = (await bench.other.filesListFolder({ path: '/Contested' })).result.entries;
    expect(listed.map((entry) => entry.name)).toEqual(['report.txt']);

    for (const [i, core] of cores.entries())
      await core.call('closeDocument', { documentId: docs[i]?.documentId ?? '' });
  }
}, 180_000);
