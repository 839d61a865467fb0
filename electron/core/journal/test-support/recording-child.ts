/*
 * The process `journeys/killed-while-recording.test.ts` kills with SIGKILL: it records a seeded, endless
 * sequence of texts and prints `<step> <fingerprint>` after each record resolves. The test regenerates
 * the same sequence to know which texts the journal may restore. Run as
 * `node <bundle> <folder> <seed> <mode>`.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Text } from '@codemirror/state';
import { seededRandom } from '../../../../localbox/test-support/seeded-random.ts';
import type { TextEdit } from '../../../common/contract/shapes.ts';
import { applyEdits, textOf } from '../../text/text-edits.ts';
import { Journal } from '../journal.ts';
import type { JournalHeader } from '../journal-entry.ts';

/** `type`: a typist's edits under the default rule; `compact`: every third record a reload, folds between. */
export type KillMode = 'type' | 'compact';

export const killHeader: JournalHeader = {
  documentId: 'killed',
  path: '/Killed mid-sentence.txt',
  baseRev: '0150000000a',
  baseContentHash: null,
  format: { encoding: 'utf-8', bom: false, lineEnding: 'lf', finalNewline: true },
};

// `compact` folds every few records, so that most kills land in the middle of writing a snapshot.
export const killCompaction = { type: {}, compact: { minLogBytes: 256, logToSnapshot: 0, idleMs: 30 } };

export const fingerprint = (text: Text): string =>
  `${createHash('sha256').update(text.toString()).digest('hex').slice(0, 12)}:${text.length}`;

const PIECES = ['a', 'word ', '\n', 'é', '😀', '𝄞 ', 'Lorem ipsum dolor sit amet. ', '\n\n'];

/** The texts the child records, each with the edits from the one before (null: a reload). */
export function* killSteps(
  seed: number,
  mode: KillMode,
): Generator<{ text: Text; edits: TextEdit[] | null }> {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  // `compact` keeps a larger text, so that writing a snapshot takes most of the child's time.
  const lines = mode === 'compact' ? 2400 : 800;
  let text = textOf(
    Array.from({ length: lines }, (_, line) => `${line}: ${pick(PIECES)}`.repeat(4)).join('\n'),
  );
  yield { text, edits: null };
  for (let step = 1; ; step++) {
    if (mode === 'compact' && step % 3 === 0) {
      // A reload: the whole text again, not derivable by edits, so a snapshot.
      text = textOf(text.toString().replace(/^[^\n]*/, `reloaded at ${step}`));
      yield { text, edits: null };
      continue;
    }
    const edits: TextEdit[] = [];
    for (let count = 1 + Math.floor(next() * 3); count > 0; count--) {
      const at = Math.floor(next() * (text.length + 1));
      const remove = next() < 0.3 ? Math.min(text.length - at, Math.floor(next() * 20)) : 0;
      const insert = next() < 0.2 ? '' : pick(PIECES);
      edits.push({ at, remove, insert });
      text = applyEdits(text, [{ at, remove, insert }]) ?? text;
    }
    yield { text, edits };
  }
}

async function main([folder, seed, mode]: string[]): Promise<void> {
  if (!folder || !seed || (mode !== 'type' && mode !== 'compact'))
    throw new Error('usage: <folder> <seed> <mode>');
  const journal = new Journal(folder, { compaction: killCompaction[mode], syncDelayMs: 20 });
  let step = 0;
  for (const { text, edits } of killSteps(Number(seed), mode)) {
    await journal.record(killHeader, text, edits);
    // Synchronous on a pipe: once printed, the parent knows this text reached the journal.
    process.stdout.write(`${step} ${fingerprint(text)}\n`);
    step++;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
