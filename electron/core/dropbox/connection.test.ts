import { expect, test } from 'vitest';
import { OpusError } from '../errors.ts';
import { Connection } from './connection.ts';

test('every call tells whether Dropbox answers: offline at once, online with the next answer of any kind', async () => {
  const changes: boolean[] = [];
  const connection = new Connection((online) => changes.push(online));
  let fail: OpusError | null = null;
  const gateway = connection.observe({
    name: 'gateway',
    async call() {
      if (fail) throw fail;
      return this.name;
    },
  });

  expect(await gateway.call()).toBe('gateway');
  fail = new OpusError('offline', 'Dropbox cannot be reached.');
  await expect(gateway.call()).rejects.toThrow('cannot be reached');
  await expect(gateway.call()).rejects.toThrow('cannot be reached');
  // A refusal is an answer: Dropbox is there.
  fail = new OpusError('conflict', 'Someone saved first.');
  await expect(gateway.call()).rejects.toThrow('saved first');
  // Signed out says nothing about the network.
  fail = new OpusError('signed_out', 'You are signed out.');
  await expect(gateway.call()).rejects.toThrow('signed out');
  expect(changes).toEqual([false, true]);
  expect(gateway.name).toBe('gateway');
});
