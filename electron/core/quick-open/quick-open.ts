import type { Gateway } from '../dropbox/gateway.ts';
import { Watcher } from '../watcher/watcher.ts';
import { PathIndex, type PathMatch } from './path-index.ts';

export interface QuickOpenOptions {
  gateway: Gateway;
  /** The signed-in account: a new one starts a new index. */
  accountId(): string | null;
  /** Files opened lately, newest first (wiring/recent-files.ts). */
  recentPaths(): Promise<string[]>;
  longpollSeconds?: number | undefined;
  log?: (line: string) => void;
}

export interface QuickOpenAnswer {
  matches: PathMatch[];
  /** `index`: ranked from every path; `search`: Dropbox's search_v2, while the index is being built. */
  source: 'index' | 'search';
}

/** A page as large as list_folder gives: 100,000 files are 50 requests. */
const PAGE = 2000;

/**
 * Quick Open's list of every file in the Dropbox, built on first use with list_folder (recursive) and
 * kept fresh by a longpoll of its own on that recursive cursor. Its own, not one of the document
 * watcher's folder loops: those cursors cover one folder each, and a root cursor that is recursive would
 * wake every open document's loop for any change anywhere. One more request in flight, idle until
 * something changes. Until the index is built, names are searched with search_v2 instead.
 */
export class QuickOpen {
  private index = new PathIndex();
  private ready = false;
  private watcher: Watcher | null = null;
  private account: string | null = null;
  /** How long the last build took, in ms (the bench reads it). */
  lastBuildMs: number | null = null;

  constructor(private readonly options: QuickOpenOptions) {}

  async find(query: string, limit: number): Promise<QuickOpenAnswer> {
    this.start();
    const recent = (await this.options.recentPaths()).map((path) => path.toLowerCase());
    if (this.ready) return { matches: this.index.search(query, limit, recent), source: 'index' };
    if (query.trim() === '') return { matches: [], source: 'search' };
    const found = await this.options.gateway.search(query, { filenameOnly: true, maxResults: limit });
    const matches = found.flatMap(({ entry }) =>
      entry.kind === 'file'
        ? [{ path: entry.path, name: entry.name, recent: recent.includes(entry.pathLower) }]
        : [],
    );
    return { matches, source: 'search' };
  }

  /** Whether the index is built and being kept fresh (tests and the bench wait for it). */
  get indexed(): boolean {
    return this.ready;
  }

  stop(): void {
    this.watcher?.stop();
    this.watcher = null;
    this.account = null;
    this.ready = false;
    this.index = new PathIndex();
  }

  private start(): void {
    const account = this.options.accountId();
    if (this.watcher && account === this.account) return;
    this.stop();
    if (!account) return;
    this.account = account;
    const index = this.index;
    this.watcher = new Watcher({
      gateway: this.options.gateway,
      longpollSeconds: this.options.longpollSeconds,
      firstCursor: () => this.build(index),
      onEntries: (_folder, entries) => index.apply(entries),
      // Changes may have been missed: the next firstCursor lists everything again.
      onReset: () => {
        this.ready = false;
      },
    });
    this.watcher.watch('');
  }

  private async build(index: PathIndex): Promise<string> {
    const started = performance.now();
    this.ready = false;
    index.clear();
    const { gateway } = this.options;
    let page = await gateway.listFolder('', { recursive: true, limit: PAGE });
    for (;;) {
      // The next page is asked for before this one is indexed, so the indexing hides behind the wire.
      const next = page.hasMore ? gateway.listFolderContinue(page.cursor) : null;
      index.apply(page.entries);
      if (!next) break;
      page = await next;
    }
    // A stop (sign-out, another account) while listing leaves this index behind: it never becomes ready.
    if (index === this.index) {
      this.ready = true;
      this.lastBuildMs = performance.now() - started;
      this.options.log?.(
        `opus: quick open: ${index.size} files indexed in ${this.lastBuildMs.toFixed(0)} ms`,
      );
    }
    return page.cursor;
  }
}
