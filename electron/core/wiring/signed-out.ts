import type { CommandName } from '../../common/contract/commands.ts';
import { isCommandName, refusal } from './dispatch.ts';

/** The commands that make sense with nobody signed in (typed: a renamed or misspelt one fails to compile). */
const WITHOUT_ACCOUNT: ReadonlySet<CommandName> = new Set<CommandName>([
  'getAppInfo',
  'getSettings',
  'setDropboxAppKey',
  'setAutoSave',
  'getAccount',
  'signIn',
  'startPasteCodeSignIn',
  'completePasteCodeSignIn',
  'signOut',
  'chooseLocalFile',
  'chooseSaveLocation',
  'closeWindow',
  'applyMergeChoices',
  'getUpdateState',
  'checkForUpdates',
  'installUpdate',
]);

/** Whether `name` (any string a window sent) is a command that answers only with someone signed in. */
export const needsAccount = (name: string): boolean => isCommandName(name) && !WITHOUT_ACCOUNT.has(name);

/** Signed out, everything but the account's own commands answers in this one voice. */
export const signedOutRefusal = () =>
  refusal('signed_out', 'You are signed out. Sign in to reach your files.');
