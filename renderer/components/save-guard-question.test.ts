import { expect, test } from 'vitest';
import { saveGuardQuestion } from './save-guard-question.ts';

test('a save that would empty the file asks about saving an empty document', () => {
  expect(saveGuardQuestion({ kind: 'needs_confirmation', reason: 'empty', removedRatio: 1 })).toEqual({
    title: 'Save an empty document?',
    message: 'Saving now empties the file in Dropbox.',
  });
});

test('a save that removes most of the text says how much, in whole percent', () => {
  expect(
    saveGuardQuestion({ kind: 'needs_confirmation', reason: 'most_removed', removedRatio: 0.876 }),
  ).toEqual({
    title: 'Save with most of the text removed?',
    message: 'Saving now removes 88% of the file in Dropbox.',
  });
});
