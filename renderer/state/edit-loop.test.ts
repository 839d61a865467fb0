// @vitest-environment jsdom
// Monaco's model needs a DOM to load (not to run): jsdom stands in for the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CommandRequest } from '../../electron/common/contract/commands.ts';
import { DEFAULT_TEXT_FORMAT, encodeText } from '../../electron/core/documents/codec.ts';
import { Documents } from '../../electron/core/documents/documents.ts';
import { stringOf } from '../../electron/core/documents/open-document.ts';
import { Journal } from '../../electron/core/journal/journal.ts';
import { peekJournal } from '../../electron/core/journal/read-journal.ts';
import { type EditedModel, EditLoop } from './edit-loop.ts';

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

/** A model without Monaco: text and version, and a way to make a change as Monaco reports one. */
function fakeModel(initial: string) {
  let text = initial;
  let version = 1;
  const listeners: ((event: Parameters<Parameters<EditedModel['onDidChangeContent']>[0]>[0]) => void)[] = [];
  return {
    getVersionId: () => version,
    getValue: () => text,
    onDidChangeContent: (listener: (typeof listeners)[number]) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
    type(at: number, insert: string) {
      text = text.slice(0, at) + insert + text.slice(at);
      version++;
      for (const listener of listeners)
        listener({ versionId: version, changes: [{ rangeOffset: at, rangeLength: 0, text: insert }] });
    },
  };
}

type EditCall = CommandRequest<'editDocument'>;

function loopWith(answer: (request: EditCall) => Promise<{ applied: boolean; dirty: boolean }>) {
  const calls: EditCall[] = [];
  const settled: [number, boolean][] = [];
  const errors: unknown[] = [];
  const loop = new EditLoop(
    {
      editDocument: (request) => {
        calls.push(structuredClone(request));
        return answer(request);
      },
    },
    {
      baseRevOf: () => '0123456789',
      onChange: () => undefined,
      onSettled: (_id, version, dirty) => settled.push([version, dirty]),
      onError: (_id, error) => errors.push(error),
    },
  );
  return { loop, calls, settled, errors };
}

test('a send that failed goes again as the whole text, and only a second failure reaches the save', async () => {
  let fail = 1;
  const { loop, calls, errors } = loopWith(async () => {
    if (fail-- > 0) throw new Error('host gone');
    return { applied: true, dirty: true };
  });
  const model = fakeModel('abc');
  loop.attach('d', model);
  model.type(3, 'd');
  // The first send fails; flush sends the whole text and succeeds.
  expect(await loop.flush('d')).toBe(2);
  expect(errors).toHaveLength(1);
  expect(calls.map((call) => call.change)).toEqual([
    { kind: 'edits', from: 1, edits: [{ at: 3, remove: 0, insert: 'd' }] },
    { kind: 'text', text: 'abcd' },
  ]);
  // Both fail: the save hears of it.
  fail = 2;
  model.type(0, 'x');
  await expect(loop.flush('d')).rejects.toThrow('host gone');
  expect(loop.busy('d')).toBe(true);
});

test('main asking for the whole text gets it at the version the model has then', async () => {
  let refuse = true;
  const { loop, calls, settled } = loopWith(async () => {
    const applied = !refuse;
    refuse = false;
    return { applied, dirty: true };
  });
  const model = fakeModel('');
  loop.attach('d', model);
  model.type(0, 'a');
  model.type(1, 'b');
  expect(await loop.flush('d')).toBe(3);
  expect(calls.at(-1)).toMatchObject({ version: 3, change: { kind: 'text', text: 'ab' } });
  expect(settled).toEqual([[3, true]]);
  expect(loop.busy('d')).toBe(false);
});

test('edits made while a send is on its way go in the next one, from the version that one reached', async () => {
  let release: () => void = () => undefined;
  const { loop, calls, settled } = loopWith(
    () =>
      new Promise((resolve) => {
        release = () => resolve({ applied: true, dirty: false });
      }),
  );
  const model = fakeModel('');
  loop.attach('d', model);
  model.type(0, 'a');
  const first = loop.flush('d');
  await Promise.resolve();
  model.type(1, 'b');
  expect(loop.busy('d')).toBe(true);
  release();
  await first;
  // Judged on version 2 while the model is at 3: no news for the tab's mark.
  expect(settled).toEqual([]);
  const second = loop.flush('d');
  await Promise.resolve();
  release();
  expect(await second).toBe(3);
  expect(calls.map((call) => call.change)).toEqual([
    { kind: 'edits', from: 1, edits: [{ at: 0, remove: 0, insert: 'a' }] },
    { kind: 'edits', from: 2, edits: [{ at: 1, remove: 0, insert: 'b' }] },
  ]);
  expect(settled).toEqual([[3, false]]);
});
