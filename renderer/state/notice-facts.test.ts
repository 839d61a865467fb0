import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot } from '../opus.ts';
import { narrowNotice } from './notice-facts.ts';
import type { OpenDocument } from './open-document.ts';
import type { Notice } from './workspace-dialog.ts';

const tab = (documentId: string, change: Partial<OpenDocument> = {}): OpenDocument =>
  ({
    snapshot: { documentId } as DocumentSnapshot,
    remote: {},
    dirty: true,
    saveState: { kind: 'idle' },
    remoteChange: null,
    restored: true,
    ...change,
  }) as OpenDocument;

/** A notice naming its documents, narrowed to "still: <ids>". */
const about = (documentIds: string[]): Notice => ({
  tone: 'info',
  message: `about ${documentIds.join(' ')}`,
  about: { documentIds, narrowed: (still) => (still.length > 0 ? about([...still]) : null) },
});

describe('a notice about tabs says only what is still true of them', () => {
  it('stays the same notice while every document is as it says', () => {
    const notice = about(['a', 'b']);
    expect(narrowNotice(notice, [tab('a'), tab('b'), tab('c', { restored: false })])).toBe(notice);
  });

  it('narrows when one is saved or replaced (no longer restored)', () => {
    expect(narrowNotice(about(['a', 'b']), [tab('a', { restored: false }), tab('b')])?.message).toBe(
      'about b',
    );
  });

  it('narrows when one is closed or deleted on Dropbox, and goes with the last', () => {
    const deleted = tab('b', { remoteChange: { documentId: 'b', change: 'deleted' } });
    expect(narrowNotice(about(['a', 'b']), [deleted])).toBeNull();
  });

  it('leaves a notice about no document, and no notice, as they are', () => {
    const plain: Notice = { tone: 'error', message: 'Could not open a.txt.' };
    expect(narrowNotice(plain, [])).toBe(plain);
    expect(narrowNotice(null, [tab('a')])).toBeNull();
  });
});
