import { rm } from 'node:fs/promises';
import type { Text } from '@codemirror/state';
import { describe, expect, test } from 'vitest';
import { Journal } from './journal.ts';
import type { JournalFileHandle, JournalFs } from './journal-fs.ts';
import { nodeJournalFs } from './journal-fs.ts';
import { tempFolder } from './test-support/file-system.ts';
import { edit, header, textOf } from './test-support/records.ts';

/**
 * The real file system until its `limit`-th change (counted from `arm`): that change is cut short (a
 * write lands half-way) and every later one fails, as if the process died there.
 */
function dyingFs() {
  let left = Number.POSITIVE_INFINITY;
  let died = false;
  const step = () => {
    if (died || left-- <= 0) {
      died = true;
      throw new Error('the process died here');
    }
  };
  const handle = (real: JournalFileHandle): JournalFileHandle => ({
    write: async (data) => {
      if (!died && left <= 0) await real.write(data.slice(0, Math.floor(data.length / 2)));
      step();
      await real.write(data);
    },
    sync: async () => {
      step();
      await real.sync();
    },
    close: () => real.close(),
  });
  const dies =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      step();
      return run(...args);
    };
  const fs: JournalFs = {
    ...nodeJournalFs,
    makeFolder: dies(nodeJournalFs.makeFolder),
    create: dies(async (path: string) => handle(await nodeJournalFs.create(path))),
    append: dies(async (path: string) => handle(await nodeJournalFs.append(path))),
    rename: dies(nodeJournalFs.rename),
    remove: dies(nodeJournalFs.remove),
    syncFolder: dies(nodeJournalFs.syncFolder),
  };
  return { fs, arm: (limit: number) => (left = limit), died: () => died };
}

type Scenario = (journal: Journal) => Promise<{ before: string | null; after: string | null }>;

/** Runs `scenario` once per step it takes, dying at that step; what is restored must be its before or after. */
async function dieAtEveryStep(setup: (journal: Journal) => Promise<void>, scenario: Scenario) {
  const outcomes = new Set<string>();
  for (let limit = 0; limit < 100; limit++) {
    const { folder, remove } = await tempFolder();
    try {
      const dying = dyingFs();
      const journal = new Journal(folder, {
        fs: dying.fs,
        compaction: { minLogBytes: 120, logToSnapshot: 0 },
      });
      await setup(journal);
      await journal.flush();
      dying.arm(limit);
      const { before, after } = await scenario(journal);
      await journal.flush().catch(() => undefined);
      const restored = (await new Journal(folder).readAll())[0]?.text ?? null;
      expect([before, after], `died at step ${limit}`).toContain(restored);
      outcomes.add(restored === after ? 'after' : 'before');
      if (!dying.died()) return outcomes;
    } finally {
      await remove();
    }
  }
  throw new Error('the scenario never finished');
}

const typeInto = async (journal: Journal, start: Text, letters: string): Promise<Text> => {
  let text = start;
  for (const letter of letters) {
    const [next, edits] = edit(text, text.length, 0, letter);
    text = next;
    await journal.record(header('doc-1'), text, edits).catch(() => undefined);
  }
  return text;
};

describe('dying at any step leaves the text before or after it, never a mix or nothing', () => {
  test('a record that fills the log and folds it into a new snapshot', async () => {
    let text = textOf('');
    const outcomes = await dieAtEveryStep(
      async (journal) => {
        await journal.record(header('doc-1'), textOf('draft'), null);
        text = await typeInto(journal, textOf('draft'), 'ab');
      },
      async (journal) => {
        const before = text.toString();
        // Records of ~50 bytes against a minimum of 120: the third one folds.
        const after = await typeInto(journal, text, 'c');
        return { before, after: after.toString() };
      },
    );
    expect(outcomes).toEqual(new Set(['before', 'after']));
  });

  test('a reload, which writes a snapshot over a log', async () => {
    const outcomes = await dieAtEveryStep(
      async (journal) => {
        await journal.record(header('doc-1'), textOf('draft'), null);
        await typeInto(journal, textOf('draft'), 'x');
      },
      async (journal) => {
        await journal.record(header('doc-1'), textOf('reloaded'), null).catch(() => undefined);
        return { before: 'draftx', after: 'reloaded' };
      },
    );
    expect(outcomes).toEqual(new Set(['before', 'after']));
  });

  test('the first record after a restart, over the logs of the last life', async () => {
    const { folder, remove } = await tempFolder();
    try {
      const outcomes = new Set<string>();
      for (let limit = 0; ; limit++) {
        await rm(folder, { recursive: true, force: true });
        const lastLife = new Journal(folder);
        await lastLife.record(header('doc-1'), textOf('last life'), null);
        await typeInto(lastLife, textOf('last life'), '!');
        await lastLife.flush();
        const dying = dyingFs();
        dying.arm(limit);
        await new Journal(folder, { fs: dying.fs })
          .record(header('doc-1'), textOf('this life'), null)
          .catch(() => undefined);
        const restored = (await new Journal(folder).readAll())[0]?.text;
        expect(['last life!', 'this life'], `died at step ${limit}`).toContain(restored);
        outcomes.add(restored ?? '');
        if (!dying.died()) break;
      }
      expect(outcomes).toEqual(new Set(['last life!', 'this life']));
    } finally {
      await remove();
    }
  });

  test('a clear after a save', async () => {
    const outcomes = await dieAtEveryStep(
      async (journal) => {
        await journal.record(header('doc-1'), textOf('saved'), null);
        await typeInto(journal, textOf('saved'), '!');
      },
      async (journal) => {
        await journal.clear('doc-1');
        return { before: 'saved!', after: null };
      },
    );
    expect(outcomes).toEqual(new Set(['before', 'after']));
  });
});
