// The entry's first import, so it runs before the modules that take long to evaluate (Monaco, React:
// about 300 ms for the 3 MB bundle): the calls every start needs are answered while they do.
import { type CommandResponse, opus } from './opus.ts';
import { type EarlyAnswer, earlyAnswer } from './state/early-answer.ts';
import { type LinkedOpen, openLinkedEarly } from './state/linked-open.ts';

export interface EarlyCalls {
  account: EarlyAnswer<CommandResponse<'getAccount'>>;
  appInfo: EarlyAnswer<CommandResponse<'getAppInfo'>>;
  /** The document the page address links to, if it names one. */
  linked: LinkedOpen | null;
}

export const earlyCalls: EarlyCalls | null = opus
  ? {
      account: earlyAnswer(opus.getAccount()),
      appInfo: earlyAnswer(opus.getAppInfo()),
      linked: openLinkedEarly(opus, window.location.search),
    }
  : null;
