import { type ShortOf, shortRevs } from '../short-revs.ts';

type Rev = string | null | undefined;

/**
 * Every rev the page has seen, per account: History's list, a document's base rev, Dropbox's newer
 * rev, each rev a save returned. How a rev reads depends on them all (`shortRevs`), so a rev alone in
 * the status bar still reads differently after each save. Accounts are kept apart: another account's
 * revs have another tail. Kept for the page's life, so it survives a sign-out and back.
 */
export class RevKnowledge {
  readonly #revs = new Map<string, Set<string>>();
  readonly #listeners = new Set<() => void>();
  #version = 0;

  /** Adds revs seen for `account`; those listening hear of it when any is new. */
  learn(account: string, revs: Iterable<Rev>): void {
    let known = this.#revs.get(account);
    if (!known) {
      known = new Set();
      this.#revs.set(account, known);
    }
    const before = known.size;
    for (const rev of revs) if (rev) known.add(rev);
    if (known.size === before) return;
    this.#version++;
    for (const listener of this.#listeners) listener();
  }

  /** How revs read for `account`, `shown` among them (counted even before they are learned). */
  shortRevs(account: string, shown: Iterable<Rev> = []): ShortOf {
    return shortRevs([...(this.#revs.get(account) ?? []), ...shown]);
  }

  /** Grows with every new rev learned: what a React store snapshot compares. */
  readonly version = (): number => this.#version;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

/** The page's one knowledge of revs. */
export const revKnowledge = new RevKnowledge();
