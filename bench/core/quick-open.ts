import { createGateway } from '../../electron/core/dropbox/dropbox-gateway.ts';
import { QuickOpen } from '../../electron/core/quick-open/quick-open.ts';
import { eventually } from '../../electron/core/test-support/waiting.ts';
import { resolveConfig } from '../../localbox/server/config.ts';
import { Services } from '../../localbox/server/services.ts';
import { seededRandom } from '../../localbox/test-support/seeded-random.ts';
import { type BenchOptions, type Figure, median, percentile } from '../figure.ts';
import { type RemoteBench, startRemoteBench } from './remote-bench.ts';
import { interleaved, spread } from './support.ts';

const FILES = 100_000;
const SMOKE_FILES = 2_000;
/** The issue's promise: results within 50 ms of a keystroke. */
const KEYSTROKE_MS = 50;
/** The empty file's content_hash: the seeded files are paths, never read. */
const EMPTY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const TOPICS = 'Projects Notes Drafts Archive Photos Music Work Travel Recipes Letters'.split(' ');
const WORDS = (
  'harbour lantern stone winter garden river letter morning chapter draft meeting budget invoice plan ' +
  'report notes outline summary review agenda minutes journal poem story essay list todo ideas'
).split(' ');
const EXTENSIONS = ['.md', '.txt', '.md', '.txt', '.csv', '.json', '.jpg', '.pdf'];

/** A Dropbox as people fill one: a few top folders, dozens of projects, files named with words and numbers. */
export function dropboxPaths(count: number, seed = 18): string[] {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const project = `${pick(WORDS)}-${Math.floor(next() * 60)}`;
    const sub = next() < 0.5 ? `/${pick(WORDS)} ${2015 + Math.floor(next() * 11)}` : '';
    const name = `${pick(WORDS)} ${pick(WORDS)} ${i}${pick(EXTENSIONS)}`;
    paths.push(`/${pick(TOPICS)}/${project}${sub}/${name}`);
  }
  return paths;
}

/** Straight into localbox's store in one transaction, before it starts: uploads would take minutes. */
function seedStore(dataDir: string, paths: readonly string[]): void {
  const services = new Services(resolveConfig({ dataDir, logLevel: 'silent' }));
  try {
    services.db.transaction(() => {
      for (const path of paths)
        services.tree.putFile({ pathDisplay: path, contentHash: EMPTY_HASH, size: 0 });
    });
  } finally {
    services.close();
  }
}

/** Someone looking for a file, a key at a time: parts of names, a folder, a typo-free fuzzy skip. */
const TYPED = ['harbour', 'meeting notes', 'drafts/chap', 'invoice 2021', 'lntrn', 'todo 123'];

/** The raw listing the index is built from: list_folder (recursive) and its continue pages, over fetch. */
async function rawListing(bench: RemoteBench): Promise<number> {
  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${bench.url}/2/files/${route}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bench.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`files/${route}: HTTP ${response.status}`);
    return (await response.json()) as { entries: unknown[]; cursor: string; has_more: boolean };
  };
  const started = performance.now();
  let page = await post('list_folder', { path: '', recursive: true, limit: 2000 });
  while (page.has_more) page = await post('list_folder/continue', { cursor: page.cursor });
  return performance.now() - started;
}

/** One index build from nothing, as Quick Open makes it on first use. */
async function indexBuild(bench: RemoteBench): Promise<number> {
  const quickOpen = new QuickOpen({
    gateway: createGateway({
      endpoints: { origin: bench.url, appKey: bench.appKey },
      tokens: { accessToken: async () => bench.token, refreshAfterExpiry: async () => bench.token },
    }),
    accountId: () => 'bench',
    recentPaths: async () => [],
  });
  try {
    await quickOpen.find('x', 50);
    await eventually(() => quickOpen.indexed, 120_000, 'the index being built');
    return quickOpen.lastBuildMs ?? Number.NaN;
  } finally {
    quickOpen.stop();
  }
}

/** Every keystroke of TYPED through the core's contract, as the window sends them, timed each. */
async function keystrokes(bench: RemoteBench): Promise<number[]> {
  const times: number[] = [];
  for (const query of TYPED) {
    for (let end = 1; end <= query.length; end++) {
      const started = performance.now();
      const answer = await bench.opus.call('quickOpen', { query: query.slice(0, end), limit: 50 });
      times.push(performance.now() - started);
      if (answer.source !== 'index') throw new Error('the index was not built');
    }
  }
  return times;
}

/** Quick Open over a Dropbox of 100,000 files: the index's build next to the raw listing, and each keystroke. */
export async function measureQuickOpen({ runs, smoke, log }: BenchOptions): Promise<Figure[]> {
  const count = smoke ? SMOKE_FILES : FILES;
  const seedStarted = performance.now();
  const bench = await startRemoteBench({ seed: (dataDir) => seedStore(dataDir, dropboxPaths(count)) });
  log(
    `quick-open: ${count} paths seeded and localbox up in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  try {
    const build = await interleaved(
      runs,
      () => indexBuild(bench),
      () => rawListing(bench),
    );
    await bench.opus.call('quickOpen', { query: '', limit: 50 });
    await eventually(
      async () => (await bench.opus.call('quickOpen', { query: 'a', limit: 1 })).source === 'index',
      120_000,
      "the core's index being built",
    );
    const times: number[] = [];
    for (let run = 0; run < Math.max(1, runs); run++) times.push(...(await keystrokes(bench)));
    const files = count.toLocaleString('en');
    return [
      {
        name: `Quick Open index of ${files} files built (list_folder recursive + index)`,
        baseline: 'raw HTTP list_folder + continue of the same files',
        value: median(build.figure),
        baselineValue: median(build.baseline),
        unit: 'ms',
        target: { kind: 'ratio-at-most', limit: 1.5 },
        note: `${spread(build.figure, 'ms')}; baseline ${spread(build.baseline, 'ms')}`,
      },
      ...(['p50', 'p95'] as const).map(
        (p): Figure => ({
          name: `Quick Open keystroke over ${files} files, ${p} (through the core's contract)`,
          baseline: null,
          value: percentile(times, p === 'p50' ? 50 : 95),
          baselineValue: null,
          unit: 'ms',
          target: { kind: 'value-at-most', limit: KEYSTROKE_MS },
          note: `${times.length} keystrokes typing ${TYPED.map((q) => `“${q}”`).join(', ')}; max ${Math.max(...times).toFixed(1)} ms`,
        }),
      ),
    ];
  } finally {
    await bench.stop();
  }
}
