// @vitest-environment jsdom
// Monaco's model needs a DOM to load (not to run): jsdom stands in for the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CommandRequest } from '../../electron/core/contract/commands.ts';
import { DEFAULT_TEXT_FORMAT, encodeText } from '../../electron/core/documents/codec.ts';
import { Documents } from '../../electron/core/documents/documents.ts';
import { stringOf } from '../../electron/core/documents/open-document.ts';
import { Journal } from '../../electron/core/journal/journal.ts';
import { peekJournal } from '../../electron/core/journal/read-journal.ts';
import { EditLoop } from './edit-loop.ts';

type Monaco = typeof import('monaco-editor/editor');
type Model = ReturnType<Monaco['editor']['createModel']>;

let monaco: Monaco;
let folder: string;
beforeAll(async () => {
  monaco = await import('monaco-editor/editor');
  folder = mkdtempSync(join(tmpdir(), 'opus-edit-loop-'));
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Characters that stress offsets: astral ones are two UTF-16 units, "\r\n" and "\r" become "\n".
const piece = fc.constantFrom('a', 'b', 'é', '€', '😀', '𝄞', ' ', '\n', '\r\n', '\r', '\t', 'xyz');
const snippet = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

type Operation =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'multi'; cursors: { at: number; length: number; text: string }[] }
  | { kind: 'paste'; at: number; size: number }
  | { kind: 'replaceAll'; find: string; by: string }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'send' };

const spot = fc.double({ min: 0, max: 1, noNaN: true });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('type' as const), at: spot, text: snippet }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), at: spot, length: fc.nat(20) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('multi' as const),
      cursors: fc.array(fc.record({ at: spot, length: fc.nat(3), text: snippet }), {
        minLength: 2,
        maxLength: 5,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('paste' as const),
      at: spot,
      size: fc.integer({ min: 1, max: 40_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replaceAll' as const),
      find: fc.constantFrom('a', '\n', '😀', 'é'),
      by: snippet,
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'send' as const }) },
);

/** An offset inside the text that never splits a surrogate pair (the cursor cannot stand there). */
function offsetIn(model: Model, at: number): number {
  const text = model.getValue();
  let offset = Math.floor(at * text.length);
  const code = text.charCodeAt(offset - 1);
  if (code >= 0xd800 && code <= 0xdbff) offset--;
  return offset;
}

function rangeOf(model: Model, start: number, length: number) {
  const text = model.getValue();
  let end = Math.min(text.length, start + length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end++;
  return monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(end));
}

function apply(model: Model, op: Operation, loop: EditLoop, documentId: string): Promise<unknown> | null {
  const edit = (edits: { range: ReturnType<typeof rangeOf>; text: string }[]) => {
    model.pushStackElement();
    model.pushEditOperations([], edits, () => null);
  };
  switch (op.kind) {
    case 'type':
      edit([{ range: rangeOf(model, offsetIn(model, op.at), 0), text: op.text }]);
      return null;
    case 'delete':
      edit([{ range: rangeOf(model, offsetIn(model, op.at), op.length), text: '' }]);
      return null;
    case 'multi': {
      // Cursors that do not overlap, as Monaco's multi-cursor editing makes them.
      const spots = op.cursors
        .map((c) => ({ ...c, start: offsetIn(model, c.at) }))
        .sort((a, b) => a.start - b.start);
      const edits: { range: ReturnType<typeof rangeOf>; text: string }[] = [];
      let free = 0;
      for (const c of spots) {
        if (c.start < free) continue;
        const range = rangeOf(model, c.start, c.length);
        free = model.getOffsetAt(range.getEndPosition()) + 1;
        edits.push({ range, text: c.text });
      }
      edit(edits);
      return null;
    }
    case 'paste':
      edit([
        { range: rangeOf(model, offsetIn(model, op.at), 0), text: 'pasted line 😀\r\n'.repeat(op.size / 16) },
      ]);
      return null;
    case 'replaceAll': {
      const matches = model.findMatches(op.find, false, false, true, null, false);
      if (matches.length) edit(matches.map((match) => ({ range: match.range, text: op.by })));
      return null;
    }
    case 'undo':
      model.undo();
      return null;
    case 'redo':
      model.redo();
      return null;
    case 'send':
      return loop.flush(documentId);
  }
}

test('random editing in the real Monaco model reaches main and its journal byte for byte', async () => {
  const journal = new Journal(folder, { syncDelayMs: 60_000 });
  const documents = new Documents({
    gateway: {} as never,
    journal,
    history: { keep: async () => undefined },
    emit: () => undefined,
    accountName: () => 'Ada',
    now: () => new Date(),
    docs: new Map(),
  });
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(piece, { maxLength: 60 }).map((p) => p.join('').replace(/\r\n?/g, '\n')),
      fc.array(operation, { minLength: 1, maxLength: 25 }),
      async (initial, operations) => {
        runs++;
        const doc = documents.register(
          {
            name: 'a.txt',
            path: '/a.txt',
            pathLower: '/a.txt',
            id: 'id:a',
            rev: '0123456789',
            size: 0,
            contentHash: 'h',
            serverModified: '2026-01-01T00:00:00Z',
            clientModified: '2026-01-01T00:00:00Z',
          },
          initial,
          DEFAULT_TEXT_FORMAT,
        );
        const model = monaco.editor.createModel(initial, 'plaintext');
        model.setEOL(monaco.editor.EndOfLineSequence.LF);
        const sent: CommandRequest<'editDocument'>[] = [];
        const loop = new EditLoop(
          {
            editDocument: async (request) => {
              sent.push(request);
              return documents.edit(request.documentId, request.baseRev, request.version, request.change);
            },
          },
          {
            baseRevOf: () => doc.remote.rev,
            onChange: () => undefined,
            onSettled: () => undefined,
            onError: () => undefined,
          },
        );
        loop.attach(doc.id, model);
        try {
          for (const op of operations) await apply(model, op, loop, doc.id);
          const version = await loop.flush(doc.id);
          const shown = model.getValue();
          expect(version).toBe(model.getVersionId());
          expect(stringOf(doc.text)).toBe(shown);
          expect(encodeText(stringOf(doc.text), doc.format)).toEqual(encodeText(shown, doc.format));
          // Edits travel as edits: the whole text only ever went when main asked for it, which it never does here.
          expect(sent.every((request) => request.change.kind === 'edits')).toBe(true);
          const journaled = (await peekJournal(folder)).find((entry) => entry.documentId === doc.id);
          if (shown === initial) expect(journaled).toBeUndefined();
          else expect(journaled?.text).toBe(shown);
        } finally {
          loop.detach(doc.id);
          model.dispose();
          documents.close(doc.id);
        }
      },
    ),
    { numRuns: 250, seed: 20261202 },
  );
  expect(runs).toBe(250);
  await journal.flush();
}, 240_000);
