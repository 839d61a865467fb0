import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Text } from '@codemirror/state';
import type { TextEdit } from '../../common/contract/shapes.ts';
import type { JournalPort } from '../documents/context.ts';
import { Journal, type JournalHeader, type JournalOptions } from '../journal/journal.ts';

/**
 * One journal folder per account: unsaved text journaled while Ada was signed in is only ever restored
 * for Ada, never offered for saving into whoever signs in next.
 */
export class AccountJournal implements JournalPort {
  private current: Journal | null = null;

  constructor(
    private readonly root: string,
    private readonly options: JournalOptions,
  ) {}

  static keyFor(service: string, appKey: string, accountId: string): string {
    return createHash('sha256').update(`${service}\n${appKey}\n${accountId}`).digest('hex').slice(0, 24);
  }

  /** Flushes what the previous account had pending, then writes under the new one (null: nobody). */
  async switchTo(accountKey: string | null): Promise<void> {
    await this.current?.close();
    this.current = accountKey ? new Journal(join(this.root, accountKey), this.options) : null;
  }

  /** With nobody signed in nothing is written: there is no account to restore it for. */
  record(header: JournalHeader, text: Text, edits: readonly TextEdit[] | null): Promise<void> {
    return this.current?.record(header, text, edits) ?? Promise.resolve();
  }

  clear(documentId: string): Promise<void> {
    return this.current?.clear(documentId) ?? Promise.resolve();
  }

  flush(): Promise<void> {
    return this.current?.flush() ?? Promise.resolve();
  }

  readAll(): ReturnType<Journal['readAll']> {
    return this.current?.readAll() ?? Promise.resolve([]);
  }
}
