import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CoreBench, startCoreBench } from '../test-support/core-bench.ts';
import { saveText } from '../test-support/document-edits.ts';

// Above the gateway's session threshold a save goes in upload sessions, and the window hears how far it
// has got (the taskbar's progress, shell/taskbar-progress.ts). The threshold is lowered to 1 KiB here so
// that a small file takes that road.

let bench: CoreBench;
beforeAll(async () => {
  bench = await startCoreBench({
    core: {
      gateway: { retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 }, uploadSessionThreshold: 1024 },
    },
  });
});
afterAll(() => bench.stop());

test('a save sent in an upload session reports its bytes as an upload of that document, up to the whole', async () => {
  await bench.put('/Progress/long.txt', 'short\n');
  const doc = await bench.opus.open('/Progress/long.txt');
  const text = `${'a line of text\n'.repeat(300)}`;
  bench.takeCounts();
  bench.opus.events.clear();
  const saved = await saveText(bench.opus, doc.documentId, text);
  expect(saved).toMatchObject({ kind: 'saved' });
  expect(bench.takeCounts({ withoutWatcher: true })).toEqual({
    'files/upload_session/start': 1,
    'files/upload_session/finish': 1,
  });
  const bytes = Buffer.byteLength(text);
  expect(bench.opus.events.of('transferProgress')).toEqual([
    {
      transferId: `save-${doc.documentId}`,
      documentId: doc.documentId,
      direction: 'upload',
      sent: bytes,
      total: bytes,
    },
  ]);
  expect((await bench.get('/Progress/long.txt')).toString()).toBe(text);
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
});
