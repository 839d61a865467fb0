import { expect, test } from 'vitest';
import { HelperOutage, helperStopped } from './helper-outage.ts';
import type { KeptText, KeptTexts } from './kept-texts.ts';

function memoryStore(failing = false) {
  const stored = new Map<string, KeptText>();
  const writes: string[] = [];
  const store: KeptTexts = {
    keep: async (kept) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failing) throw new Error('quota');
      writes.push(kept.text);
      stored.set(kept.path, kept);
    },
    all: async () => [...stored.values()],
    forget: async (kept) => {
      stored.delete(kept.path);
    },
  };
  return { store, stored, writes };
}

test('only an unanswered edit counts as the helper stopping', () => {
  expect(helperStopped({ kind: 'offline', message: '', generic: false })).toBe(true);
  expect(helperStopped({ kind: 'conflict', message: '', generic: false })).toBe(false);
  expect(helperStopped(new Error('x'))).toBe(false);
});

test('nothing is kept while the helper answers; once it stops, every change is, the last one last', async () => {
  const { store, stored, writes } = memoryStore();
  let text = 'a';
  const outage = new HelperOutage(store, () => ({ path: '/a.txt', baseRev: 'r1', text }));
  outage.changed('d1');
  expect(writes).toEqual([]);
  const kept = outage.stopped('d1');
  text = 'ab';
  outage.changed('d1');
  text = 'abc';
  outage.changed('d1');
  expect(await kept).toBe(true);
  // Changes made during a write are folded into one more write, with the text as it is then.
  expect(writes).toEqual(['a', 'abc']);
  expect(stored.get('/a.txt')?.text).toBe('abc');
});

test('says so when the browser could not keep the text', async () => {
  const { store } = memoryStore(true);
  const outage = new HelperOutage(store, () => ({ path: '/a.txt', baseRev: 'r1', text: 'a' }));
  expect(await outage.stopped('d1')).toBe(false);
});

test('a kept text handed to a restarted helper is forgotten once it answers', async () => {
  const { store, stored } = memoryStore();
  const kept = { path: '/a.txt', baseRev: 'r1', text: 'a' };
  await store.keep(kept);
  const outage = new HelperOutage(store, () => kept);
  outage.handingOver('d1', kept);
  outage.answered('d1');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(stored.size).toBe(0);
});
