// The entry's first import, so it runs before the modules that take long to evaluate (Monaco, React:
// about 300 ms for the 3 MB bundle): the calls every start needs are answered while they do.
import { type CommandResponse, type DocumentSnapshot, type OpusApi, opus } from './opus.ts';
import { type EarlyAnswer, earlyAnswer } from './state/early-answer.ts';
import { type LinkedOpen, openLinkedEarly } from './state/linked-open.ts';

export interface EarlyCalls {
  account: EarlyAnswer<CommandResponse<'getAccount'>>;
  appInfo: EarlyAnswer<CommandResponse<'getAppInfo'>>;
  /** What the core recovered from its journal after a crash. */
  restored: EarlyAnswer<CommandResponse<'getRestoredDocuments'>>;
  /** The document the page address links to, if it names one. */
  linked: LinkedOpen | null;
}

function callEarly(opus: OpusApi): EarlyCalls {
  return {
    account: earlyAnswer(opus.getAccount()),
    appInfo: earlyAnswer(opus.getAppInfo()),
    restored: earlyAnswer(opus.getRestoredDocuments()),
    linked: openLinkedEarly(opus, window.location.search),
  };
}

export const earlyCalls: EarlyCalls | null = opus ? callEarly(opus) : null;

/**
 * Resolves once the answers the first screen needs (account, app info, the restore and a linked
 * document) are in, or after `limitMs`: the first render is then the workspace, with the linked
 * document in its tab, or the sign-in screen, not "Starting Opus…" and an empty editor for a frame
 * each. They are usually in by the time the bundle has evaluated; a slow answer is waited for as before.
 */
export function firstScreenReady(calls: EarlyCalls | null, limitMs = 150): Promise<void> {
  if (!calls) return Promise.resolve();
  const answered = Promise.allSettled([
    calls.account.promise,
    calls.appInfo.promise,
    calls.restored.promise,
    calls.linked?.settled,
  ]);
  const limit = new Promise((resolve) => setTimeout(resolve, limitMs));
  return Promise.race([answered, limit]).then(() => undefined);
}

/**
 * The linked document, when the first render can show it at once: its answer is in, and nothing was
 * restored (restored tabs open first, so the link then takes the usual way).
 */
export function linkedAtStart(calls: EarlyCalls | null): DocumentSnapshot | undefined {
  if (!calls?.linked || calls.restored.value()?.length !== 0) return undefined;
  return calls.linked.arrived();
}

const taken = new WeakSet<EarlyCalls>();

/**
 * The start's calls for the page's first workspace only. A workspace shown again later (signed out,
 * then in) must ask afresh: the early answers describe the page's start, and their documents were
 * closed with the sign-out.
 */
export function takeEarlyCalls(calls: EarlyCalls | null): EarlyCalls | null {
  if (!calls || taken.has(calls)) return null;
  taken.add(calls);
  return calls;
}
