import { expect, test } from 'vitest';
import { TaskbarProgress } from './taskbar-progress.ts';

test('the taskbar shows all transfers as one bar, and no bar once they are done', () => {
  const shown: number[] = [];
  const bar = new TaskbarProgress((fraction) => shown.push(fraction));
  bar.update({ transferId: 'a', direction: 'upload', sent: 25, total: 100 });
  bar.update({ transferId: 'b', direction: 'download', sent: 0, total: 100 });
  bar.update({ transferId: 'a', direction: 'upload', sent: 100, total: 100 });
  bar.update({ transferId: 'b', direction: 'download', sent: 50, total: 100 });
  bar.update({ transferId: 'b', direction: 'download', sent: 100, total: 100 });
  expect(shown).toEqual([0.25, 0.125, 0, 0.5, -1]);
});
