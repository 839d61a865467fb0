/**
 * When a document's log is folded into a new snapshot. Folding rewrites the whole text, so it waits
 * until the log is large next to the snapshot: each snapshot byte is then paid for by at least
 * `1 / logToSnapshot` log bytes, and the bytes written per byte typed stay bounded whatever the size of
 * the document. A document left idle is folded sooner, to keep the next start's replay short, but
 * never for a log too small to matter next to its snapshot.
 */
export interface CompactionRule {
  /** Fold while typing once the log holds this many bytes… */
  minLogBytes: number;
  /** …and at least this fraction of the snapshot's bytes. */
  logToSnapshot: number;
  /** Quiet time after the last record before a document counts as idle. */
  idleMs: number;
  /** Fold an idle document once its log holds this many bytes… */
  idleMinLogBytes: number;
  /** …and at least this fraction of the snapshot's bytes. */
  idleLogToSnapshot: number;
}

export const DEFAULT_COMPACTION: CompactionRule = {
  minLogBytes: 256 * 1024,
  logToSnapshot: 1 / 2,
  idleMs: 5000,
  idleMinLogBytes: 4 * 1024,
  idleLogToSnapshot: 1 / 8,
};

export const foldsNow = (rule: CompactionRule, logBytes: number, snapshotBytes: number): boolean =>
  logBytes > 0 && logBytes >= Math.max(rule.minLogBytes, snapshotBytes * rule.logToSnapshot);

export const foldsWhenIdle = (rule: CompactionRule, logBytes: number, snapshotBytes: number): boolean =>
  logBytes > 0 && logBytes >= Math.max(rule.idleMinLogBytes, snapshotBytes * rule.idleLogToSnapshot);
