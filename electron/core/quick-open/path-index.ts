import type { RemoteEntry } from '../dropbox/remote-file.ts';
import { fuzzyScore, normalQuery } from './fuzzy-match.ts';

export interface IndexedFile {
  path: string;
  name: string;
  pathLower: string;
  nameLower: string;
}

export interface PathMatch {
  path: string;
  name: string;
  /** One of the files opened lately: ranked up, and the list says so. */
  recent: boolean;
}

/** How much a recent file gains, the newest most: about a folder's worth, never a name's worth. */
const RECENT_BONUS = 600;

/**
 * Every file's path in the Dropbox, as list_folder (recursive) and its continue deltas describe them:
 * kept in an array for a fast scan per keystroke, with a map from path_lower to its place so an update
 * or a delete costs O(1). Folders are not kept (Quick Open opens files); a deleted folder takes the
 * files beneath it with it, since Dropbox need not list each of them.
 */
export class PathIndex {
  private files: IndexedFile[] = [];
  private readonly places = new Map<string, number>();

  get size(): number {
    return this.files.length;
  }

  clear(): void {
    this.files = [];
    this.places.clear();
  }

  /** Applies entries in Dropbox's order: a rename comes as the old path deleted and the new one added. */
  apply(entries: readonly RemoteEntry[]): void {
    let goneFolders: string[] = [];
    for (const entry of entries) {
      if (entry.kind === 'folder') continue;
      if (entry.kind === 'deleted') {
        if (this.places.has(entry.pathLower)) this.remove(entry.pathLower);
        else goneFolders.push(`${entry.pathLower}/`);
        continue;
      }
      // A file may come back beneath a folder deleted earlier in the same page: sweep first.
      if (goneFolders.length > 0) goneFolders = this.sweep(goneFolders);
      this.put({
        path: entry.path,
        name: entry.name,
        pathLower: entry.pathLower,
        nameLower: entry.name.toLowerCase(),
      });
    }
    if (goneFolders.length > 0) this.sweep(goneFolders);
  }

  /**
   * The best `limit` files for `query`, best first; `recent` (path_lower, newest first) are ranked up.
   * An empty query answers the recent files alone.
   */
  search(query: string, limit: number, recent: readonly string[]): PathMatch[] {
    const wanted = normalQuery(query);
    const bonus = new Map(
      recent.map((path, rank) => [path, RECENT_BONUS * (1 - rank / (recent.length + 1))]),
    );
    if (wanted === '') {
      return recent
        .map((path) => this.files[this.places.get(path) ?? -1])
        .filter((file): file is IndexedFile => !!file)
        .slice(0, limit)
        .map((file) => ({ path: file.path, name: file.name, recent: true }));
    }
    const best = new TopList(limit);
    for (const file of this.files) {
      const score = fuzzyScore(wanted, file.nameLower, file.pathLower);
      if (score !== null) best.offer(file, score + (bonus.get(file.pathLower) ?? 0));
    }
    return best
      .list()
      .map((file) => ({ path: file.path, name: file.name, recent: bonus.has(file.pathLower) }));
  }

  private put(file: IndexedFile): void {
    const place = this.places.get(file.pathLower);
    if (place === undefined) {
      this.places.set(file.pathLower, this.files.length);
      this.files.push(file);
    } else {
      this.files[place] = file;
    }
  }

  /** Swaps the last file into the gap: order in the array means nothing, ranking sorts. */
  private remove(pathLower: string): void {
    const place = this.places.get(pathLower);
    if (place === undefined) return;
    const last = this.files.pop() as IndexedFile;
    this.places.delete(pathLower);
    if (place < this.files.length) {
      this.files[place] = last;
      this.places.set(last.pathLower, place);
    }
  }

  private sweep(prefixes: readonly string[]): string[] {
    const gone = this.files.filter((file) => prefixes.some((prefix) => file.pathLower.startsWith(prefix)));
    for (const file of gone) this.remove(file.pathLower);
    return [];
  }
}

/** The `limit` best seen so far, kept sorted; most offers fall below the last and cost one comparison. */
class TopList {
  private readonly items: { file: IndexedFile; score: number }[] = [];

  constructor(private readonly limit: number) {}

  offer(file: IndexedFile, score: number): void {
    const { items, limit } = this;
    if (items.length === limit && !better(score, file, items[limit - 1] as (typeof items)[number])) return;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (better(score, file, items[middle] as (typeof items)[number])) high = middle;
      else low = middle + 1;
    }
    items.splice(low, 0, { file, score });
    if (items.length > limit) items.pop();
  }

  list(): IndexedFile[] {
    return this.items.map((item) => item.file);
  }
}

/** Higher score first; at a tie the shorter path, then the path in order, so the list is stable. */
function better(score: number, file: IndexedFile, other: { file: IndexedFile; score: number }): boolean {
  if (score !== other.score) return score > other.score;
  if (file.pathLower.length !== other.file.pathLower.length)
    return file.pathLower.length < other.file.pathLower.length;
  return file.pathLower < other.file.pathLower;
}
