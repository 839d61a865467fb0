import type { EventPayload } from '../opus.ts';
import type { OpenDocument } from './open-document.ts';
import type { SaveState } from './save-state.ts';

export type DocumentNews = EventPayload<'documentStateChanged'>;

/** The status bar's words for main's phase: offline and conflict come from main, the rest from saves. */
function saveStateOf(doc: OpenDocument, news: DocumentNews, uploaded: boolean): SaveState {
  const now = doc.saveState;
  switch (news.phase) {
    case 'pending_upload':
      return now.kind === 'pending' ? now : { kind: 'pending', reason: 'offline' };
    case 'conflict': {
      const theirs = news.theirs ?? null;
      return now.kind === 'conflict' && now.remote?.rev === theirs?.rev
        ? now
        : { kind: 'conflict', remote: theirs };
    }
    default:
      return uploaded ? { kind: 'saved', rev: news.remote.rev } : now;
  }
}

/**
 * A tab's state after main's news about its document (documentStateChanged): the one source of whether
 * the tab is unsaved, waiting offline or in conflict. `current`: the news was judged on the text the tab
 * shows, not on one it has typed past since (whose "clean" would be wrong now).
 */
export function takeNews(doc: OpenDocument, news: DocumentNews, current: boolean): OpenDocument {
  const { remote } = news;
  // The save made offline has landed: its rev is the tab's, whatever was typed since.
  const uploaded = doc.saveState.kind === 'pending' && (news.phase === 'clean' || news.phase === 'dirty');
  // Same content under a new rev or path (a rename, a restore of the same bytes), or judged on the very
  // text the tab shows. A rev main set with a text of its own (a reload) is not taken here: it arrives
  // with that text's snapshot, which the tab may not take while typing.
  const sameContent = remote.contentHash === doc.remote.contentHash;
  const moved =
    (sameContent || uploaded || (current && news.version !== null)) &&
    (remote.rev !== doc.remote.rev || remote.path !== doc.remote.path);
  const dirty = current ? news.dirty : doc.dirty;
  const saveState = saveStateOf(doc, news, uploaded);
  if (dirty === doc.dirty && !moved && saveState === doc.saveState) return doc;
  return {
    ...doc,
    dirty,
    saveState,
    ...(moved ? { remote } : {}),
    ...(uploaded ? { remoteChange: null, restored: false } : {}),
  };
}
