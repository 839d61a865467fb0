import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot, OpusApi, RestoredDocument } from '../opus.ts';
import type { Notice } from '../state/workspace-dialog.ts';
import {
  deepLinkPath,
  openStartDocuments,
  type StartTargets,
  startPage,
  type WorkspaceStart,
} from './start-up.ts';

type Call = 'getAccount' | 'getAppInfo' | 'getRestoredDocuments' | 'openDocument';

/** A core whose calls wait until the test answers them, oldest first; `log` has every call and target. */
function fakeCore() {
  const log: string[] = [];
  const waiting = new Map<Call, { resolve(value: unknown): void; reject(error: unknown): void }[]>();
  const call = (name: Call) => (request?: { path: string }) => {
    log.push(request ? `${name} ${request.path}` : name);
    return new Promise((resolve, reject) => {
      waiting.set(name, [...(waiting.get(name) ?? []), { resolve, reject }]);
    });
  };
  const opus = {
    getAccount: call('getAccount'),
    getAppInfo: call('getAppInfo'),
    getRestoredDocuments: call('getRestoredDocuments'),
    openDocument: call('openDocument'),
  } as unknown as OpusApi;
  const next = (name: Call) => {
    const [first, ...rest] = waiting.get(name) ?? [];
    if (!first) throw new Error(`${name} was not called`);
    waiting.set(name, rest);
    return first;
  };
  const answer = async (name: Call, value: unknown) => {
    next(name).resolve(value);
    await settled();
  };
  const refuse = async (name: Call, kind: string) => {
    next(name).reject(Object.assign(new Error(kind), { kind }));
    await settled();
  };
  /** Targets that write what they are asked into the log; openPath waits for its answer. */
  const targets: StartTargets = {
    openRestored: async (restored) => {
      log.push(`tabs ${restored.map((entry) => entry.snapshot.remote.name)}`);
      return { carried: [], left: [] };
    },
    keptTexts: async () => [],
    setNotice: (notice: Notice | null) => log.push(`notice ${notice?.tone}`),
    startConflict: (documentId) => log.push(`conflict ${documentId}`),
    openPath: async (path, answer) => {
      log.push(`open ${path}${answer ? ' with the start answer' : ''}`);
      const snapshot = await answer?.catch(() => null);
      if (snapshot) log.push(`opened ${snapshot.documentId}`);
    },
  };
  return { opus, log, answer, refuse, targets };
}

/** Lets every promise chain that can move, move. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const snapshotOf = (documentId: string, name: string, text = 'saved') =>
  ({ documentId, text, remote: { name, path: `/${name}`, pathLower: `/${name}` } }) as DocumentSnapshot;
const restoredOf = (documentId: string, name: string, remoteMoved = false): RestoredDocument => ({
  snapshot: snapshotOf(documentId, name),
  text: 'unsaved',
  remoteMoved,
});
const LINKED = snapshotOf('doc-link', 'linked.md');

describe('(a) the page asks the core at once', () => {
  it('for the account, the app info, the restored documents and the linked document, before any answer', () => {
    const core = fakeCore();
    startPage(core.opus, '?open=/linked.md');
    expect(core.log).toEqual(['getAccount', 'getAppInfo', 'getRestoredDocuments', 'openDocument /linked.md']);
  });
});

describe('(b) the first screen', () => {
  it('renders once the start has its answers', async () => {
    const core = fakeCore();
    const page = startPage(core.opus, '?open=/linked.md');
    let ready = false;
    void page.firstScreen(60_000).then(() => {
      ready = true;
    });
    await core.answer('getAccount', { signedIn: true, account: null });
    await core.answer('getAppInfo', { provider: 'localbox' });
    await core.answer('getRestoredDocuments', []);
    expect(ready).toBe(false);
    // A refusal is an answer too: the workspace shows it as an open error.
    await core.refuse('openDocument', 'not_found');
    expect(ready).toBe(true);
  });

  it('does not wait for a slow answer longer than its limit', async () => {
    const core = fakeCore();
    await expect(startPage(core.opus, '').firstScreen(5)).resolves.toBeUndefined();
  });

  it('has the linked document in its tab when its answer is in and nothing was restored', async () => {
    const core = fakeCore();
    const page = startPage(core.opus, '?open=/linked.md');
    await core.answer('getRestoredDocuments', []);
    await core.answer('openDocument', LINKED);
    expect(page.forWorkspace().first).toBe(LINKED);
  });

  it('leaves the link to open after the restored tabs when something was restored', async () => {
    const core = fakeCore();
    const page = startPage(core.opus, '?open=/linked.md');
    await core.answer('getRestoredDocuments', [restoredOf('doc-1', 'a.txt')]);
    await core.answer('openDocument', LINKED);
    expect(page.forWorkspace().first).toBeUndefined();
  });

  it('starts without the link in a tab while the restore has not answered', async () => {
    const core = fakeCore();
    const page = startPage(core.opus, '?open=/linked.md');
    await core.answer('openDocument', LINKED);
    expect(page.forWorkspace().first).toBeUndefined();
  });
});

describe('(c) restored documents, then (d) the linked one', () => {
  /** The page's first workspace, shown: its start documents are on their way. */
  function shownWorkspace(search: string) {
    const core = fakeCore();
    const start = startPage(core.opus, search).forWorkspace();
    core.log.length = 0;
    const done = openStartDocuments(start, new URLSearchParams(search).get('open'), core.targets);
    return { core, done };
  }

  it('open restored tabs, the moved one’s conflict prompt and the notice before the link opens', async () => {
    const { core, done } = shownWorkspace('?open=/linked.md');
    await core.answer('openDocument', LINKED);
    expect(core.log).toEqual([]);
    await core.answer('getRestoredDocuments', [
      restoredOf('doc-1', 'a.txt'),
      restoredOf('doc-2', 'b.md', true),
    ]);
    await done;
    expect(core.log).toEqual([
      'tabs a.txt,b.md',
      'notice info',
      'conflict doc-2',
      'open /linked.md with the start answer',
      'opened doc-link',
    ]);
  });

  it('open the link with the answer the page asked for, not a second call', async () => {
    const { core, done } = shownWorkspace('?open=/linked.md');
    await core.answer('getRestoredDocuments', []);
    await core.answer('openDocument', LINKED);
    await done;
    expect(core.log).toEqual(['open /linked.md with the start answer', 'opened doc-link']);
  });

  it('show a restore that failed as an error, and still open the link', async () => {
    const { core, done } = shownWorkspace('?open=/linked.md');
    await core.refuse('getRestoredDocuments', 'offline');
    await core.answer('openDocument', LINKED);
    await done;
    expect(core.log).toEqual(['notice error', 'open /linked.md with the start answer', 'opened doc-link']);
  });

  it('open nothing and say nothing when nothing was restored and nothing is linked', async () => {
    const { core, done } = shownWorkspace('');
    await core.answer('getRestoredDocuments', []);
    await done;
    expect(core.log).toEqual([]);
  });
});

describe('(e) a workspace shown again later in the page', () => {
  it('asks afresh instead of reusing the start’s answers', async () => {
    const core = fakeCore();
    const page = startPage(core.opus, '?open=/linked.md');
    await core.answer('getRestoredDocuments', []);
    await core.answer('openDocument', LINKED);
    const first: WorkspaceStart = page.forWorkspace();
    expect(first.first).toBe(LINKED);
    const again = page.forWorkspace();
    expect(again.first).toBeUndefined();
    expect(again.linkedAnswer('/linked.md')).toBeUndefined();
    core.log.length = 0;
    void again.restored();
    expect(core.log).toEqual(['getRestoredDocuments']);
  });
});

describe('(f) a call answered signed_out at start', () => {
  it('is asked again once signed in: the restore', async () => {
    const core = fakeCore();
    const start = startPage(core.opus, '').forWorkspace();
    await core.refuse('getRestoredDocuments', 'signed_out');
    core.log.length = 0;
    const done = openStartDocuments(start, null, core.targets);
    await settled();
    expect(core.log).toEqual(['getRestoredDocuments']);
    await core.answer('getRestoredDocuments', [restoredOf('doc-1', 'a.txt')]);
    await done;
    expect(core.log).toEqual(['getRestoredDocuments', 'tabs a.txt', 'notice info']);
  });

  it('is asked again once signed in: the link, at once beside the restore, opened after it', async () => {
    const core = fakeCore();
    const start = startPage(core.opus, '?open=/linked.md').forWorkspace();
    await core.refuse('getRestoredDocuments', 'signed_out');
    await core.refuse('openDocument', 'signed_out');
    core.log.length = 0;
    const done = openStartDocuments(start, '/linked.md', core.targets);
    await settled();
    expect(core.log).toEqual(['openDocument /linked.md', 'getRestoredDocuments']);
    await core.answer('openDocument', LINKED);
    await core.answer('getRestoredDocuments', []);
    await done;
    expect(core.log.slice(2)).toEqual(['open /linked.md with the start answer', 'opened doc-link']);
  });
});

describe('a link with ?open= opens the Dropbox path it names', () => {
  it('reads the path, decoded, as the secret exchange leaves it', () => {
    expect(deepLinkPath('?open=%2FNotes%2Ftodo%20list.md')).toBe('/Notes/todo list.md');
    expect(deepLinkPath('?open=/a.txt&other=1')).toBe('/a.txt');
  });

  it('opens nothing that is not an absolute Dropbox path', () => {
    expect(deepLinkPath('')).toBeNull();
    expect(deepLinkPath('?open=')).toBeNull();
    expect(deepLinkPath('?open=notes.md')).toBeNull();
    expect(deepLinkPath('?open=https://example.com/x')).toBeNull();
    expect(deepLinkPath('?open=id:abc')).toBeNull();
  });
});

describe('a linked document is asked for as the page starts', () => {
  const snapshot = { documentId: 'doc-1' } as DocumentSnapshot;
  const refusal = (kind: string) => Object.assign(new Error(kind), { kind });
  /** An OpusApi whose openDocument answers from `answers`, one per call, recording the paths. */
  function fakeOpus(answers: (() => Promise<DocumentSnapshot>)[]) {
    const asked: string[] = [];
    const opus = {
      getAccount: () => Promise.resolve({ signedIn: true, account: null }),
      getAppInfo: () => new Promise(() => undefined),
      getRestoredDocuments: () => Promise.resolve([]),
      openDocument: ({ path }: { path: string }) => {
        asked.push(path);
        const next = answers.shift();
        return next ? next() : Promise.reject(new Error('no more answers'));
      },
    } as unknown as OpusApi;
    return { opus, asked };
  }

  it('asks once, at once, and hands that answer over', async () => {
    const { opus, asked } = fakeOpus([() => Promise.resolve(snapshot)]);
    const page = startPage(opus, '?open=%2Fmagnum-opus.txt');
    expect(asked).toEqual(['/magnum-opus.txt']);
    await expect(page.forWorkspace().linkedAnswer('/magnum-opus.txt')).resolves.toBe(snapshot);
    expect(asked).toHaveLength(1);
  });

  it('asks again once signed in when the first call found nobody signed in', async () => {
    const { opus, asked } = fakeOpus([
      () => Promise.reject(refusal('signed_out')),
      () => Promise.resolve(snapshot),
    ]);
    const page = startPage(opus, '?open=/a.txt');
    await expect(page.forWorkspace().linkedAnswer('/a.txt')).resolves.toBe(snapshot);
    expect(asked).toEqual(['/a.txt', '/a.txt']);
  });

  it('passes any other refusal on, to be shown as an open error', async () => {
    const { opus } = fakeOpus([() => Promise.reject(refusal('binary_file'))]);
    const page = startPage(opus, '?open=/photo.png');
    await expect(page.forWorkspace().linkedAnswer('/photo.png')).rejects.toMatchObject({
      kind: 'binary_file',
    });
  });

  it('asks nothing when the address names no document', () => {
    const { opus, asked } = fakeOpus([]);
    expect(startPage(opus, '?open=notes.md').forWorkspace().linkedAnswer('notes.md')).toBeUndefined();
    expect(startPage(opus, '').forWorkspace().first).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('hands its answer over only for the path it asked for', () => {
    const { opus } = fakeOpus([() => Promise.resolve(snapshot)]);
    expect(startPage(opus, '?open=/a.txt').forWorkspace().linkedAnswer('/b.txt')).toBeUndefined();
  });
});
