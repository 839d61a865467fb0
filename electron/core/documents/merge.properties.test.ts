import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mergeThreeWay, resolveMerge } from './merge.ts';

// What holds for every base, mine and theirs, not only the hand-picked cases of merge.test.ts.

describe('properties', () => {
  // Few distinct lines, so random edits collide often and exercise the conflict paths; and many distinct
  // ones, so that unique anchor lines cut the texts into stretches.
  const repetitive = fc.array(fc.constantFrom('a', 'b', 'c', '', 'd e'), { maxLength: 12 });
  const varied = fc.array(fc.oneof(fc.constantFrom('', 'x'), fc.integer({ min: 0, max: 40 }).map(String)), {
    maxLength: 30,
  });
  const text = fc.oneof(repetitive, varied).map((all) => all.join('\n'));
  // Related texts: small edits of one base, as real concurrent edits are.
  const edit = (lines: string[]) =>
    fc
      .array(
        fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.integer({ min: 0, max: 60 })),
        { maxLength: 4 },
      )
      .map((edits) => {
        const out = [...lines];
        for (const [at, kind, value] of edits) {
          const index = out.length ? at % (out.length + 1) : 0;
          if (kind === 'delete') out.splice(index, 1);
          else out.splice(index, kind === 'replace' ? 1 : 0, `v${value}`);
        }
        return out.join('\n');
      });
  const trio = fc
    .oneof(repetitive, varied)
    .chain((lines) => fc.tuple(fc.constant(lines.join('\n')), edit(lines), edit(lines)));

  test('with one side unchanged the merge is the other side, exactly', () => {
    fc.assert(
      fc.property(text, text, (base, other) => {
        expect(mergeThreeWay(base, base, other)).toMatchObject({ kind: 'clean', text: other });
        expect(mergeThreeWay(base, other, base)).toMatchObject({ kind: 'clean', text: other });
      }),
      { numRuns: 500 },
    );
  });

  test('merge(b, x, x) is clean and equals x', () => {
    fc.assert(
      fc.property(text, text, (base, both) => {
        expect(mergeThreeWay(base, both, both)).toMatchObject({ kind: 'clean', text: both });
      }),
      { numRuns: 500 },
    );
  });

  test('a conflict always shows two different versions', () => {
    fc.assert(
      fc.property(trio, ([base, mine, theirs]) => {
        const result = mergeThreeWay(base, mine, theirs);
        if (result.kind === 'clean') return;
        for (const hunk of result.hunks)
          if (hunk.kind === 'conflict') expect(hunk.mine).not.toBe(hunk.theirs);
      }),
      { numRuns: 1000 },
    );
  });

  test("a clean merge keeps both sides' changes: merging it again with either side changes nothing", () => {
    fc.assert(
      fc.property(trio, ([base, mine, theirs]) => {
        const result = mergeThreeWay(base, mine, theirs);
        if (result.kind !== 'clean') return;
        expect(mergeThreeWay(base, result.text, theirs)).toMatchObject({ kind: 'clean', text: result.text });
        expect(mergeThreeWay(base, mine, result.text)).toMatchObject({ kind: 'clean', text: result.text });
      }),
      { numRuns: 1000 },
    );
  });

  test('when every change sits inside a conflict, choosing mine everywhere gives mine, theirs gives theirs', () => {
    let exercised = 0;
    fc.assert(
      fc.property(trio, ([base, mine, theirs]) => {
        const result = mergeThreeWay(base, mine, theirs);
        if (result.kind === 'clean') return;
        const unchangedOutside = result.hunks
          .map((hunk) => (hunk.kind === 'same' ? hunk.text : hunk.base))
          .join('');
        if (unchangedOutside !== `${base}\n`) return;
        exercised++;
        const all = (choice: 'mine' | 'theirs') =>
          Object.fromEntries(
            result.hunks.flatMap((hunk) => (hunk.kind === 'conflict' ? [[hunk.id, choice]] : [])),
          );
        expect(resolveMerge(result.hunks, all('mine'))).toBe(mine);
        expect(resolveMerge(result.hunks, all('theirs'))).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
    expect(exercised).toBeGreaterThan(50);
  });
});
