import { describeError, type OpusApi } from '../opus.ts';
import { checkAnswerWords } from '../update-words.ts';
import type { Notice } from './workspace-dialog.ts';

/** Check for Updates…: the core asks the release server, and the answer is a notice. */
export async function checkForUpdates(opus: OpusApi, setNotice: (notice: Notice) => void): Promise<void> {
  try {
    const state = await opus.checkForUpdates();
    setNotice({ tone: state.phase === 'failed' ? 'error' : 'info', message: checkAnswerWords(state) });
  } catch (error) {
    setNotice({ tone: 'error', message: describeError(error) });
  }
}
