import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ShortOf } from '../short-revs.ts';
import { revKnowledge } from './rev-knowledge.ts';

/** The signed-in account's id, whose revs are compared with one another (the workspace provides it). */
export const RevAccount = createContext('');

/**
 * How the revs on screen together (`shown`) read, told apart by what sets them apart from every rev the
 * page has seen for the account; `shown` is learned too, and a rev learned anywhere re-renders them.
 */
export function useShortRevs(shown: readonly (string | null | undefined)[]): ShortOf {
  const account = useContext(RevAccount);
  const version = useSyncExternalStore(revKnowledge.subscribe, revKnowledge.version);
  // Revs are hex: a space cannot be part of one, so the key names the list exactly.
  const key = shown.filter(Boolean).join(' ');
  useEffect(() => revKnowledge.learn(account, key.split(' ')), [account, key]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is `shown`; the version, news of revs learned elsewhere
  return useMemo(() => revKnowledge.shortRevs(account, key.split(' ')), [account, key, version]);
}
