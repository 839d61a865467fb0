import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot, RestoredDocument } from '../opus.ts';
import { restoredNotice } from './restored-notice.ts';

const restored = (name: string, text: string, remoteMoved = false): RestoredDocument => ({
  snapshot: { documentId: name, text: 'saved', remote: { name } } as DocumentSnapshot,
  text,
  remoteMoved,
});

const carried = (path: string, remoteMoved = false) => ({ path, documentId: path, remoteMoved });

describe('the restore notice names what came back', () => {
  it('names one document', () => {
    expect(restoredNotice([restored('a.txt', 'unsaved')])).toMatchObject({
      tone: 'info',
      message: 'Restored unsaved changes to a.txt from before Opus closed.',
    });
  });

  it('lists several in one sentence', () => {
    const notice = restoredNotice([restored('a.txt', 'x'), restored('b.md', 'y'), restored('c.txt', 'z')]);
    expect(notice?.message).toBe(
      'Restored unsaved changes to a.txt, b.md and c.txt from before Opus closed.',
    );
  });

  it('asks to combine the versions when the file changed on Dropbox meanwhile', () => {
    expect(restoredNotice([restored('a.txt', 'saved', true)])?.message).toBe(
      'Restored unsaved changes to a.txt from before Opus closed. ' +
        'The file changed on Dropbox meanwhile: choose how to combine the two versions.',
    );
  });

  it('says why a text its encoding could not hold came back as UTF-8', () => {
    const entry = { ...restored('a.txt', 'Preis: 5 €'), formerEncoding: 'iso-8859-1' };
    expect(restoredNotice([entry])).toMatchObject({
      tone: 'info',
      message:
        'Restored unsaved changes to a.txt from before Opus closed. The unsaved text of a.txt could not be ' +
        'kept in Latin-1 (ISO-8859-1); it is shown as UTF-8, and saving writes a.txt as UTF-8.',
    });
  });

  it('says nothing of documents that came back without changes', () => {
    expect(restoredNotice([restored('a.txt', 'saved')])).toBeNull();
    expect(restoredNotice([restored('a.txt', 'saved'), restored('b.md', 'edited')])?.message).toBe(
      'Restored unsaved changes to b.md from before Opus closed.',
    );
  });
});

describe('the restore notice says why the text came back', () => {
  it('after a sign-out, not a crash', () => {
    expect(restoredNotice([restored('a.txt', 'unsaved')], { afterSignIn: true })?.message).toBe(
      'Restored unsaved changes to a.txt from when you were last signed in.',
    );
  });

  it('kept in the window while the helper was stopped', () => {
    expect(restoredNotice([], { carried: [carried('/Notes/b.md')] })?.message).toBe(
      "Brought back what you typed in b.md while Opus's helper was stopped.",
    );
  });
});

describe('the restore notice lasts as long as its facts', () => {
  it('speaks of the documents it names', () => {
    const notice = restoredNotice([restored('a.txt', 'x'), restored('b.md', 'saved')], {
      carried: [carried('/c.txt')],
    });
    expect(notice?.about?.documentIds).toEqual(['a.txt', '/c.txt']);
  });

  it('narrows to the documents still restored, and goes with the last', () => {
    const notice = restoredNotice([restored('a.txt', 'x'), restored('b.md', 'y', true)]);
    const narrowed = notice?.about?.narrowed(['a.txt']);
    expect(narrowed?.message).toBe('Restored unsaved changes to a.txt from before Opus closed.');
    expect(narrowed?.about?.narrowed([])).toBeNull();
  });

  it('asks to combine versions only while a moved document is still restored', () => {
    const notice = restoredNotice([restored('a.txt', 'x')], { carried: [carried('/b.md', true)] });
    expect(notice?.message).toContain('choose how to combine the two versions');
    expect(notice?.about?.narrowed(['a.txt'])?.message).toBe(
      'Restored unsaved changes to a.txt from before Opus closed.',
    );
  });
});

describe('the restore notice never hides kept text', () => {
  it('says where a kept text that found no tab is', () => {
    expect(restoredNotice([], { left: ['/Notes/b.md'] })?.message).toBe(
      "What you typed in b.md while Opus's helper was stopped could not be opened now; this window keeps it, and it comes back the next time Opus starts.",
    );
  });
});
