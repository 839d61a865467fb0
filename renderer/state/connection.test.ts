import { expect, test } from 'vitest';
import { applyConnectionChanged, applyPendingUploadChanged, INITIAL_CONNECTION } from './connection.ts';

test('Opus starts online, with nothing waiting', () => {
  expect(INITIAL_CONNECTION.online).toBe(true);
  expect(INITIAL_CONNECTION.pending.size).toBe(0);
});

test('going offline and coming back follow the watcher', () => {
  const offline = applyConnectionChanged(INITIAL_CONNECTION, { online: false });
  expect(offline.online).toBe(false);
  expect(applyConnectionChanged(offline, { online: true }).online).toBe(true);
});

test('a save made offline waits until it is uploaded', () => {
  const waiting = applyPendingUploadChanged(INITIAL_CONNECTION, { documentId: 'd1', state: 'pending' });
  expect(waiting.pending.has('d1')).toBe(true);
  const sent = applyPendingUploadChanged(waiting, { documentId: 'd1', state: 'uploaded' });
  expect(sent.pending.has('d1')).toBe(false);
});

test('a waiting save that meets a conflict stops waiting (the conflict flow takes over)', () => {
  const waiting = applyPendingUploadChanged(INITIAL_CONNECTION, { documentId: 'd1', state: 'pending' });
  expect(applyPendingUploadChanged(waiting, { documentId: 'd1', state: 'conflict' }).pending.size).toBe(0);
});

test('each document waits on its own', () => {
  let state = applyPendingUploadChanged(INITIAL_CONNECTION, { documentId: 'd1', state: 'pending' });
  state = applyPendingUploadChanged(state, { documentId: 'd2', state: 'pending' });
  state = applyPendingUploadChanged(state, { documentId: 'd1', state: 'uploaded' });
  expect([...state.pending]).toEqual(['d2']);
});

test('repeated news changes nothing, so the status bar does not redraw', () => {
  const waiting = applyPendingUploadChanged(INITIAL_CONNECTION, { documentId: 'd1', state: 'pending' });
  expect(applyPendingUploadChanged(waiting, { documentId: 'd1', state: 'pending' })).toBe(waiting);
  expect(applyConnectionChanged(waiting, { online: true })).toBe(waiting);
  expect(applyPendingUploadChanged(INITIAL_CONNECTION, { documentId: 'd9', state: 'uploaded' })).toBe(
    INITIAL_CONNECTION,
  );
});
