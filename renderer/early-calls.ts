// The entry's first import, so it runs before the modules that take long to evaluate (Monaco, React:
// about 300 ms for the 3 MB bundle): the calls every start needs are answered while they do.
import { type CommandResponse, type OpusApi, opus } from './opus.ts';
import { type EarlyAnswer, earlyAnswer } from './state/early-answer.ts';
import { type LinkedOpen, openLinkedEarly } from './state/linked-open.ts';

export interface EarlyCalls {
  account: EarlyAnswer<CommandResponse<'getAccount'>>;
  appInfo: EarlyAnswer<CommandResponse<'getAppInfo'>>;
  /** What the core recovered from its journal after a crash. */
  restored: EarlyAnswer<CommandResponse<'getRestoredDocuments'>>;
  /** The document the page address links to, if it names one: asked for once `restored` has settled. */
  linked: LinkedOpen | null;
}

function callEarly(opus: OpusApi): EarlyCalls {
  const restored = earlyAnswer(opus.getRestoredDocuments());
  return {
    account: earlyAnswer(opus.getAccount()),
    appInfo: earlyAnswer(opus.getAppInfo()),
    restored,
    linked: openLinkedEarly(opus, window.location.search, restored.promise),
  };
}

export const earlyCalls: EarlyCalls | null = opus ? callEarly(opus) : null;

/**
 * Resolves once the answers the first screen needs (account, app info) are in, or after `limitMs`: the
 * first render is then the workspace or the sign-in screen itself, not "Starting Opus…" for a frame.
 * They are usually in by the time the bundle has evaluated; a slow start shows "Starting Opus…" as before.
 */
export function firstScreenReady(calls: EarlyCalls | null, limitMs = 150): Promise<void> {
  if (!calls) return Promise.resolve();
  const answered = Promise.allSettled([calls.account.promise, calls.appInfo.promise]);
  const limit = new Promise((resolve) => setTimeout(resolve, limitMs));
  return Promise.race([answered, limit]).then(() => undefined);
}
