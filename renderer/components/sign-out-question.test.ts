import { describe, expect, test } from 'vitest';
import type { Account } from '../opus.ts';
import { signOutQuestion } from './sign-out-question.ts';

const ada: Account = {
  accountId: 'dbid:ada',
  displayName: 'Ada Lovelace',
  email: 'ada@example.com',
  used: 0,
  allocated: 1,
  provider: 'dropbox',
};

describe('signOutQuestion', () => {
  test('names the provider and the account that signs out', () => {
    expect(signOutQuestion(ada, 0).title).toBe('Sign out of Dropbox as Ada Lovelace?');
    expect(signOutQuestion({ ...ada, provider: 'localbox' }, 0).title).toBe(
      'Sign out of localbox as Ada Lovelace?',
    );
  });

  test('says how many open files close with it', () => {
    expect(signOutQuestion(ada, 0).message).toBe('You can sign in again at any time.');
    expect(signOutQuestion(ada, 1).message).toBe('Your open file closes. You can sign in again at any time.');
    expect(signOutQuestion(ada, 3).message).toBe(
      'Your 3 open files close. You can sign in again at any time.',
    );
  });

  test('an account whose details could not be fetched still gets a plain question', () => {
    expect(signOutQuestion(null, 2).title).toBe('Sign out?');
  });
});
