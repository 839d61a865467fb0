import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dropbox } from 'dropbox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seededRandom } from '../../../localbox/test-support/seeded-random.ts';
import { memoryStore } from '../auth/test-support/memory-store.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import type { CoreHandle } from '../test-support/core-handle.ts';
import { saveText, typeText } from '../test-support/document-edits.ts';

// Issue 7, "lost updates": 20 clients — the official SDK and Opus cores, mixed — save the same file
// against the same base rev at the same moment. Exactly one may win; every other one must hear
// "conflict"; the winner's bytes are what Dropbox has, and nothing else was written.
//
// Every text has the same length, so a loser cannot tell its bytes from the winner's by size: only the
// content_hash can. The clients start in a shuffled order, a few turns of the event loop apart, so the
// winner is not always whoever comes first in a fixed list, and Opus cores win rounds too (their winning
// save must land exactly). Started in a fixed order with no turn between, the SDK clients, whose
// requests leave sooner, won every round.
const ROUNDS = 40;
const SDK_CLIENTS = 14;
const OPUS_CLIENTS = 6;
const PATH = '/Contested/report.txt';
/** The start order and the turns between starts come from this seed (timing still varies run to run). */
const SEED = 0x7e57_0020;
/** Each client starts 0 to this many turns of the event loop after the one before it. */
const MAX_TURNS_APART = 2;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

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

type Outcome = {
  who: string;
  text: string;
  kind: 'saved' | 'conflict' | 'other';
  /** What an Opus core's conflict prompt shows as Dropbox's version. */
  theirs?: string | null;
  detail?: string;
};

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
    if (result.kind === 'saved') return { who, text, kind: 'saved' };
    if (result.kind === 'conflict')
      return { who, text, kind: 'conflict', theirs: result.conflict.remoteText };
    return { who, text, kind: 'other', detail: result.kind };
  } catch (error) {
    return { who, text, kind: 'other', detail: String(error) };
  }
}

test(`${ROUNDS} rounds of ${SDK_CLIENTS + OPUS_CLIENTS} clients saving one file at once, in a shuffled order: one wins (an Opus core too, some rounds), the rest conflict, nothing is lost`, async () => {
  const random = seededRandom(SEED);
  const sdkClients = Array.from({ length: SDK_CLIENTS }, () => bench.other);
  const wins = { sdk: 0, opus: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const label = `round ${round} (seed ${SEED})`;
    const roundName = `round ${String(round).padStart(2, '0')}`;
    // Same length for everyone: "sdk-07" and "opus-3" are both six characters.
    const sdkName = (i: number) => `sdk-${String(i).padStart(2, '0')}`;
    const textOf = (who: string) => `${roundName}: written by ${who}\n`;
    const base = await bench.put(PATH, `${roundName}: the base text\n`);
    const docs = await Promise.all(cores.map((core) => core.open(PATH)));
    for (const doc of docs) expect(doc.remote.rev).toBe(base.rev);
    // Typed long before Save is pressed: the race is the save alone.
    for (const [i, core] of cores.entries())
      await typeText(core, docs[i]?.documentId ?? '', textOf(`opus-${i}`));

    const contenders = [
      ...sdkClients.map((client, i) => () => sdkSave(client, sdkName(i), base.rev, textOf(sdkName(i)))),
      ...cores.map(
        (core, i) => () => opusSave(core, `opus-${i}`, docs[i]?.documentId ?? '', textOf(`opus-${i}`)),
      ),
    ];
    const running: Promise<Outcome>[] = [];
    for (const start of shuffled(contenders, random)) {
      running.push(start());
      const turns = Math.floor(random() * (MAX_TURNS_APART + 1));
      for (let turn = 0; turn < turns; turn++) await nextTurn();
    }
    const outcomes = await Promise.all(running);
    for (const outcome of outcomes) expect(outcome.text).toHaveLength(textOf(sdkName(0)).length);

    const winners = outcomes.filter((o) => o.kind === 'saved');
    const strays = outcomes.filter((o) => o.kind === 'other');
    expect(strays, label).toEqual([]);
    expect(
      winners.map((w) => w.who),
      label,
    ).toHaveLength(1);
    const winner = winners[0] as Outcome;
    if (winner.who.startsWith('opus')) wins.opus++;
    else wins.sdk++;
    expect(
      outcomes.filter((o) => o.kind === 'conflict'),
      label,
    ).toHaveLength(SDK_CLIENTS + OPUS_CLIENTS - 1);
    // Every Opus core that lost shows the winner's text as Dropbox's version.
    for (const loser of outcomes.filter((o) => o.kind === 'conflict' && o.who.startsWith('opus')))
      expect(loser.theirs, `${label}: what ${loser.who} was shown`).toBe(winner.text);
    // Dropbox holds exactly the winner's bytes, and exactly one revision was added on top of the base.
    expect((await bench.get(PATH)).equals(Buffer.from(winner.text)), label).toBe(true);
    const revisions = (await bench.other.filesListRevisions({ path: PATH, limit: 100 })).result.entries;
    expect(revisions[1]?.rev, `${label}: the revision under the winner`).toBe(base.rev);
    // No retry or conflict path wrote a second file beside it.
    const listed = (await bench.other.filesListFolder({ path: '/Contested' })).result.entries;
    expect(listed.map((entry) => entry.name)).toEqual(['report.txt']);

    for (const [i, core] of cores.entries())
      await core.call('closeDocument', { documentId: docs[i]?.documentId ?? '' });
  }
  // A race only SDK clients ever win leaves the Opus side of it untested.
  expect(wins.opus, `Opus cores won ${wins.opus} of ${ROUNDS} rounds`).toBeGreaterThan(0);
  expect(wins.sdk).toBeGreaterThan(0);
}, 180_000);
