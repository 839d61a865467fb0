import {
  type CoreBench,
  startCoreBench,
  WATCHER_ROUTES,
} from '../../electron/core/test-support/core-bench.ts';
import { saveText } from '../../electron/core/test-support/document-edits.ts';
import { type BenchOptions, type Figure, median } from '../figure.ts';
import { KiB, realisticText, sizeName } from './support.ts';

const PATH = '/Bench/Requests/draft.txt';

interface Tally {
  /** Requests the command made: every route except the watcher's. */
  own: number;
  routes: Record<string, number>;
  watcher: Record<string, number>;
}

function tally(counts: Record<string, number>): Tally {
  const routes: Record<string, number> = {};
  const watcher: Record<string, number> = {};
  for (const [route, count] of Object.entries(counts)) {
    if (WATCHER_ROUTES.includes(route)) watcher[route] = count;
    else routes[route] = count;
  }
  return { own: Object.values(routes).reduce((a, b) => a + b, 0), routes, watcher };
}

const routesOf = (list: Tally[], key: 'routes' | 'watcher') => {
  const seen = new Set(list.map((t) => JSON.stringify(t[key])));
  return [...seen].map((json) => json.replace(/"/g, '')).join(' or ');
};

/**
 * One open and one save, counted at localbox over a window that ends only once the watcher is parked
 * again in its longpoll, so a request the core makes a little after the command answered still counts.
 */
async function countOnce(bench: CoreBench, text: string, run: number): Promise<{ open: Tally; save: Tally }> {
  bench.takeCounts();
  const doc = await bench.opus.open(PATH);
  await bench.routeSeen('files/list_folder/longpoll', 5000);
  const open = tally(bench.takeCounts());
  const saved = await saveText(bench.opus, doc.documentId, `Draft ${run}\n${text}`);
  if (saved.kind !== 'saved') throw new Error(`bench: the save answered ${saved.kind}`);
  await bench.watcherCaughtUp(5000);
  const save = tally(bench.takeCounts());
  await bench.opus.call('closeDocument', { documentId: doc.documentId });
  return { open, save };
}

/** HTTP requests per open and per save through the core, counted at localbox. */
export async function measureRequests(options: BenchOptions): Promise<Figure[]> {
  const bench = await startCoreBench();
  try {
    const text = realisticText(64 * KiB, 6);
    await bench.put(PATH, text);
    const runs: { open: Tally; save: Tally }[] = [];
    for (let run = 0; run < options.runs; run++) runs.push(await countOnce(bench, text, run));
    const opens = runs.map((r) => r.open);
    const saves = runs.map((r) => r.save);
    options.log(
      `requests: open ${opens.map((t) => t.own).join(',')}; save ${saves.map((t) => t.own).join(',')}`,
    );
    const common =
      `${options.runs} run(s) on a ${sizeName(Buffer.byteLength(text))} text file, document closed between runs; ` +
      'counted at localbox over every route from the command until the watcher is parked in its longpoll ' +
      'again, except the watcher’s own background routes (list_folder/longpoll, /continue, ' +
      '/get_latest_cursor: the watcher waiting for and reading changes, not the command)';
    return [
      {
        name: 'HTTP requests per open through the core',
        baseline: null,
        value: median(opens.map((t) => t.own)),
        baselineValue: null,
        unit: 'requests',
        target: { kind: 'exactly', value: 1 },
        note:
          `${common}. Per run: ${opens.map((t) => t.own).join(', ')}; routes ${routesOf(opens, 'routes')}. ` +
          `Not counted, the watcher starting on the document's folder: ${routesOf(opens, 'watcher')}.`,
      },
      {
        name: 'HTTP requests per save through the core',
        baseline: null,
        value: median(saves.map((t) => t.own)),
        baselineValue: null,
        unit: 'requests',
        target: { kind: 'exactly', value: 1 },
        note:
          `${common}. Per run: ${saves.map((t) => t.own).join(', ')}; routes ${routesOf(saves, 'routes')}. ` +
          `Not counted, the watcher reading the save's own change: ${routesOf(saves, 'watcher')}.`,
      },
    ];
  } finally {
    await bench.stop();
  }
}
