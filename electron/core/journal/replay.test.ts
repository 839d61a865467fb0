import { readdir } from 'node:fs/promises';
import type { Text } from '@codemirror/state';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { TextEdit } from '../../common/contract/shapes.ts';
import { applyEdits } from '../text/text-edits.ts';
import { Journal } from './journal.ts';
import { serializeRecord } from './journal-record.ts';
import { replay } from './replay.ts';
import { tempFolder } from './test-support/file-system.ts';
import { header, textOf } from './test-support/records.ts';

// Astral characters (edits may split their surrogate pairs), CR, LF, a lone surrogate.
const unit = fc.constantFrom('a', 'b', ' ', 'é', '\n', '\r', '😀', '𝄞', '日', '\ud800');
const someText = fc.string({ unit, maxLength: 30 });

/** An edit whose offsets are fractions of the text's length, as the text is unknown when it is drawn. */
const anEdit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat(12),
  insert: someText,
});
const aStep = fc.oneof(
  { weight: 12, arbitrary: fc.record({ edits: fc.array(anEdit, { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ reload: someText }) },
  { weight: 1, arbitrary: fc.record({ path: fc.constantFrom('/A.txt', '/B.txt') }) },
);

function concrete(text: Text, drawn: { at: number; remove: number; insert: string }[]): [Text, TextEdit[]] {
  const edits: TextEdit[] = [];
  let result = text;
  for (const { at: fraction, remove, insert } of drawn) {
    const at = Math.min(result.length, Math.floor(fraction * (result.length + 1)));
    const edit = { at, remove: Math.min(remove, result.length - at), insert };
    edits.push(edit);
    result = applyEdits(result, [edit]) ?? result;
  }
  return [result, edits];
}

test('replay equals the text for random edit sequences, across compactions and restarts', async () => {
  await fc.assert(
    fc.asyncProperty(
      someText,
      fc.array(aStep, { minLength: 1, maxLength: 40 }),
      fc.record({
        minLogBytes: fc.integer({ min: 1, max: 600 }),
        logToSnapshot: fc.double({ min: 0, max: 2, noNaN: true }),
      }),
      fc.nat(40),
      async (initial, steps, rule, restartAt) => {
        const { folder, remove } = await tempFolder();
        try {
          let journal = new Journal(folder, { compaction: { ...rule, idleMs: 60_000 } });
          let text = textOf(initial);
          let path = '/A.txt';
          const recorded: Promise<void>[] = [journal.record(header('doc', { path }), text, null)];
          for (const [index, step] of steps.entries()) {
            let edits: TextEdit[] | null = [];
            if ('edits' in step) [text, edits] = concrete(text, step.edits);
            if ('reload' in step) [text, edits] = [textOf(step.reload), null];
            if ('path' in step) path = step.path;
            // Not awaited one by one: records and compactions queue up as they do while typing fast.
            recorded.push(journal.record(header('doc', { path }), text, edits));
            if (index === restartAt) {
              await Promise.all(recorded);
              await journal.close();
              journal = new Journal(folder, { compaction: { ...rule, idleMs: 60_000 } });
              expect((await journal.readAll()).map((e) => [e.text, e.path])).toEqual([
                [text.toString(), path],
              ]);
            }
          }
          await Promise.all(recorded);
          await journal.close();
          const restored = await new Journal(folder).readAll();
          expect(restored.map((e) => [e.text, e.path])).toEqual([[text.toString(), path]]);
          expect((await readdir(folder)).filter((name) => name.endsWith('.log')).length).toBeLessThanOrEqual(
            1,
          );
        } finally {
          await remove();
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('replay alone: each record applies in order, a header record moves the path', () => {
  const snapshot = { ...header('doc'), text: 'ab\ncd', savedAt: '2026-11-27T12:00:00.000Z' };
  const log = [
    { edits: [{ at: 2, remove: 1, insert: '' }], header: null, savedAt: 1, length: 4 },
    { edits: [], header: header('doc', { path: '/Moved.txt' }), savedAt: 2, length: 4 },
  ];
  const restored = replay(snapshot, log.map(serializeRecord).join(''));
  expect(restored).toMatchObject({ text: 'abcd', path: '/Moved.txt', savedAt: new Date(2).toISOString() });
});
