import type { Account } from '../opus.ts';

const PROVIDERS: Record<Account['provider'], string> = {
  dropbox: 'Dropbox',
  localbox: 'localbox',
};

/** What Opus asks before signing out with nothing unsaved: who signs out, and what closes with it. */
export function signOutQuestion(
  account: Account | null,
  openFiles: number,
): { title: string; message: string } {
  const title = account
    ? `Sign out of ${PROVIDERS[account.provider]} as ${account.displayName}?`
    : 'Sign out?';
  const closing =
    openFiles === 0
      ? ''
      : openFiles === 1
        ? 'Your open file closes. '
        : `Your ${openFiles} open files close. `;
  return { title, message: `${closing}You can sign in again at any time.` };
}
