import { describe, expect, it } from 'vitest';
import type { DocumentSnapshot, RestoredDocument } from '../opus.ts';
import { type HandOverTargets, handOverKept } from './kept-text-handover.ts';
import type { KeptText } from './kept-texts.ts';

const snapshotOf = (documentId: string, path: string, rev: string) =>
  ({ documentId, text: 'base', remote: { path, pathLower: path.toLowerCase(), rev } }) as DocumentSnapshot;

const restoredOf = (documentId: string, path: string, rev: string): RestoredDocument => ({
  snapshot: snapshotOf(documentId, path, rev),
  text: 'journaled',
  remoteMoved: false,
});

/** Targets that log what they are asked; the core reopens kept texts, Dropbox having moved past `movedRevs`. */
function targets(options: { open?: string[]; movedRevs?: string[]; offline?: boolean } = {}) {
  const log: string[] = [];
  const to: HandOverTargets = {
    opus: {
      restoreKeptText: async ({ path, baseRev, text }) => {
        if (options.offline) throw Object.assign(new Error('offline'), { kind: 'offline' });
        const remoteMoved = options.movedRevs?.includes(baseRev) ?? false;
        return { snapshot: snapshotOf(`kept ${path}`, path, baseRev), text, remoteMoved };
      },
    },
    kept: {
      keep: async () => {},
      all: async () => [],
      forget: async ({ path }) => void log.push(`forget ${path}`),
    },
    isOpen: (path) => options.open?.includes(path) ?? false,
    openKept: (snapshot, keptText, _activate, beside) =>
      void log.push(`kept tab ${snapshot.documentId}: ${keptText.text}${beside ? ' (beside)' : ''}`),
    openRestored: (entry) => void log.push(`restored tab ${entry.snapshot.documentId}: ${entry.text}`),
  };
  return { log, to };
}

const kept = (path: string, baseRev: string, text = 'typed'): KeptText => ({ path, baseRev, text });

describe('kept texts go back into tabs', () => {
  it('a kept text on a restored document wins over the journal', async () => {
    const { log, to } = targets();
    const result = await handOverKept([restoredOf('a', '/a.txt', '1')], [kept('/a.txt', '1')], to);
    expect(log).toEqual(['kept tab a: typed']);
    expect(result).toEqual({ carried: [{ path: '/a.txt', documentId: 'a', remoteMoved: false }], left: [] });
  });

  it('a kept text the journal already has is forgotten, the restored tab opens', async () => {
    const { log, to } = targets();
    await handOverKept([restoredOf('a', '/a.txt', '1')], [kept('/a.txt', '1', 'journaled')], to);
    expect(log).toEqual(['forget /a.txt', 'restored tab a: journaled']);
  });

  it('a kept text whose file moved on Dropbox opens on its base, bound for the conflict prompt', async () => {
    const { log, to } = targets({ movedRevs: ['1'] });
    const result = await handOverKept([], [kept('/b.txt', '1')], to);
    expect(log).toEqual(['kept tab kept /b.txt: typed']);
    expect(result.carried).toEqual([{ path: '/b.txt', documentId: 'kept /b.txt', remoteMoved: true }]);
  });

  it('a kept text the core cannot take now stays kept', async () => {
    const offline = targets({ offline: true });
    expect(await handOverKept([], [kept('/b.txt', '1')], offline.to)).toEqual({
      carried: [],
      left: [kept('/b.txt', '1')],
    });
    expect(offline.log).toEqual([]);
  });

  it('a kept text whose file is open already on another base opens in a tab beside it', async () => {
    const open = targets({ open: ['/c.txt'] });
    const result = await handOverKept([], [kept('/c.txt', '1')], open.to);
    expect(open.log).toEqual(['kept tab kept /c.txt: typed (beside)']);
    expect(result).toEqual({
      carried: [{ path: '/c.txt', documentId: 'kept /c.txt', remoteMoved: false, beside: true }],
      left: [],
    });
  });
});
