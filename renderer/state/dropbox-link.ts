import { describeError, type OpusApi } from '../opus.ts';
import type { Notice } from './workspace-dialog.ts';

/** The file a tab shows, as these two commands need it. */
interface OnDropbox {
  path: string;
  name: string;
}

/**
 * Copy Dropbox link: main makes (or finds) the file's shared link, and the page puts it on the
 * clipboard itself. The command runs from a click or a key, so the browser counts it as the user's
 * gesture; Electron's shell grants app://opus the clipboard (electron/shell/security.ts).
 */
export async function copyDropboxLink(opus: OpusApi, file: OnDropbox): Promise<Notice> {
  let url: string;
  try {
    ({ url } = await opus.copyDropboxLink({ path: file.path }));
  } catch (error) {
    return { tone: 'error', message: describeError(error, { path: file.path }) };
  }
  try {
    await navigator.clipboard.writeText(url);
    return { tone: 'info', message: `Link to ${file.name} copied` };
  } catch {
    // A browser that refuses the clipboard (no focus, a policy) still leaves the link to copy by hand.
    return { tone: 'error', message: `The clipboard refused the link to ${file.name}: ${url}` };
  }
}

/**
 * Show in Dropbox: main opens the file's page in the system browser where there is one (Electron,
 * whose window itself opens no windows); in the browser host main has no browser to drive, so the page
 * opens the tab. Each host does exactly one of the two.
 */
export async function showInDropbox(opus: OpusApi, file: OnDropbox): Promise<Notice | null> {
  try {
    const { url } = await opus.showInDropbox({ path: file.path });
    window.open(url, '_blank', 'noopener');
    return null;
  } catch (error) {
    return { tone: 'error', message: describeError(error, { path: file.path }) };
  }
}
