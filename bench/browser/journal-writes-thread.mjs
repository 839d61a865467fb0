// JournalWrites on a worker thread of its own (see JournalWritesThread in journal-writes.ts), under
// plain `node`: the TypeScript is loaded through the bench's loader, registered here for this thread.
import { register } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

register('../ts-loader.mjs', import.meta.url);
const { JournalWrites, sharedClock } = await import('./journal-writes.ts');

let writes = null;
parentPort.on('message', async (order) => {
  if (order === 'start') {
    writes = new JournalWrites(workerData.folder, sharedClock, undefined, (at) =>
      parentPort.postMessage({ grew: at }),
    );
    await writes.start();
    parentPort.postMessage({ started: true });
  } else if (order === 'stop') {
    parentPort.postMessage({ writes: writes ? await writes.stop() : [] });
    writes = null;
  }
});
