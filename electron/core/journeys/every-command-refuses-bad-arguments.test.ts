import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commands } from '../../common/contract/commands.ts';
import { COMMAND_NAMES } from '../../common/contract/names.ts';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';

// Issue 7, "bad input": whatever a (compromised or buggy) renderer sends as a command's arguments,
// main answers — refusing what the contract does not allow with a clear invalid_request — and never
// crashes, hangs or leaks a stack trace. Valid arguments are not sent here: they would really act.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench();
});
afterAll(() => bench.stop());

/** Values of every JSON-ish shape, including the near misses: right keys, wrong types, odd strings. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '/', '..', '/../../etc/passwd', '\u0000', '\ud800', '\u202e/txt.exe', '/a'.repeat(600)),
);
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
  fc.dictionary(
    fc.constantFrom(
      'path',
      'documentId',
      'text',
      'rev',
      'code',
      'appKey',
      'choice',
      'source',
      'hunks',
      'choices',
      '__proto__',
    ),
    fc.oneof(
      hostileString,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.anything({ maxDepth: 1 })),
    ),
  ),
);

test('every command refuses arguments outside the contract with a clear invalid_request, and main lives on', async () => {
  let refused = 0;
  for (const name of COMMAND_NAMES) {
    const schema = commands[name].request;
    await fc.assert(
      fc.asyncProperty(anyValue, async (value) => {
        // Only what the contract refuses: valid arguments would really sign out, write files, …
        // (No arguments at all, null or undefined, count as {}, as the dispatcher reads them.)
        fc.pre(!schema.safeParse(value ?? {}).success);
        const answer = await bench.opus.envelope(name, value as never);
        expect(answer.ok, `${name}(${JSON.stringify(value)?.slice(0, 200)})`).toBe(false);
        if (answer.ok) return;
        expect(answer.error.kind).toBe('invalid_request');
        expect(answer.error.message.length).toBeGreaterThan(0);
        expect(answer.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
        refused++;
      }),
      { numRuns: 60 },
    );
  }
  expect(refused).toBeGreaterThan(COMMAND_NAMES.length * 40);
  // Huge arguments are refused just the same, without reading them twice or running out of memory.
  const huge = 'x'.repeat(8 * 1024 * 1024);
  expect(await bench.opus.envelope('openDocument', { path: `/${huge}` })).toMatchObject({
    ok: false,
    error: { kind: 'invalid_request' },
  });
  expect(
    await bench.opus.envelope('editDocument', {
      documentId: huge,
      baseRev: '0123456789',
      version: 1,
      change: { kind: 'text', text: huge },
    }),
  ).toMatchObject({
    ok: false,
    error: { kind: 'invalid_request' },
  });
  // Unknown commands are refused by name.
  expect(await bench.opus.core.call('readAnyFile', { path: '/etc/passwd' })).toMatchObject({
    ok: false,
    error: { kind: 'invalid_request' },
  });
  // Still signed in, still answering.
  expect(await bench.opus.call('getAccount', {})).toMatchObject({ signedIn: true });
}, 120_000);
