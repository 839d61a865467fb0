import { percentOf } from '../format.ts';
import type { EventPayload } from '../opus.ts';

type Progress = EventPayload<'transferProgress'>;

export interface Transfer {
  transferId: string;
  documentId: string | undefined;
  direction: 'upload' | 'download';
  sent: number;
  total: number;
  /** When the first progress arrived: a transfer is shown only once it has lasted SHOW_AFTER_MS. */
  startedAt: number;
  /** When progress last arrived: a transfer that stops reporting (it failed) is dropped after STALE_AFTER_MS. */
  updatedAt: number;
}

export interface TransferView {
  direction: 'upload' | 'download';
  percent: number;
}

/** Transfers in flight, by transferId. */
export type Transfers = ReadonlyMap<string, Transfer>;

/** A transfer shows its progress once it has lasted about a second; shorter ones would only flicker. */
export const SHOW_AFTER_MS = 1000;
/**
 * Progress comes once per upload-session chunk, and a failed transfer sends no final event: silence this
 * long means it is over. Generous, so a slow chunk on a slow line does not hide a live transfer.
 */
export const STALE_AFTER_MS = 120_000;

export const NO_TRANSFERS: Transfers = new Map();

/** One `transferProgress` event: a new or continuing transfer, or the end of one (sent ≥ total). */
export function applyProgress(transfers: Transfers, progress: Progress, now: number): Transfers {
  const next = new Map(transfers);
  if (progress.sent >= progress.total) {
    next.delete(progress.transferId);
    return next;
  }
  const known = transfers.get(progress.transferId);
  next.set(progress.transferId, {
    transferId: progress.transferId,
    documentId: progress.documentId,
    direction: progress.direction,
    sent: progress.sent,
    total: progress.total,
    startedAt: known?.startedAt ?? now,
    updatedAt: now,
  });
  return next;
}

/** Drops the transfers that stopped reporting; the same map when nothing changed, so React can bail out. */
export function dropStale(transfers: Transfers, now: number): Transfers {
  const live = [...transfers.values()].filter((transfer) => now - transfer.updatedAt < STALE_AFTER_MS);
  return live.length === transfers.size ? transfers : new Map(live.map((t) => [t.transferId, t]));
}

/** A document's transfers may all be forgotten when its save or open settles, whatever the events said. */
export function forgetDocument(transfers: Transfers, documentId: string): Transfers {
  const kept = [...transfers.values()].filter((transfer) => transfer.documentId !== documentId);
  return kept.length === transfers.size ? transfers : new Map(kept.map((t) => [t.transferId, t]));
}

const isVisible = (transfer: Transfer, now: number) =>
  now - transfer.startedAt >= SHOW_AFTER_MS && now - transfer.updatedAt < STALE_AFTER_MS;

/** What the status bar shows for a document: its longest-running visible transfer, or nothing. */
export function transferFor(transfers: Transfers, documentId: string, now: number): TransferView | null {
  let shown: Transfer | null = null;
  for (const transfer of transfers.values()) {
    if (transfer.documentId !== documentId || !isVisible(transfer, now)) continue;
    if (!shown || transfer.startedAt < shown.startedAt) shown = transfer;
  }
  return shown ? { direction: shown.direction, percent: percentOf(shown.sent, shown.total) } : null;
}

/** The next moment a transfer appears or goes stale, so the hook knows when to look again. */
export function nextChangeAt(transfers: Transfers, now: number): number | null {
  let next: number | null = null;
  for (const transfer of transfers.values()) {
    const appears = transfer.startedAt + SHOW_AFTER_MS;
    const expires = transfer.updatedAt + STALE_AFTER_MS;
    const moment = appears > now ? appears : expires;
    if (next === null || moment < next) next = moment;
  }
  return next;
}
