import { useCallback, useEffect, useState } from 'react';
import type { OpusApi } from '../opus.ts';
import {
  applyProgress,
  dropStale,
  forgetDocument,
  NO_TRANSFERS,
  nextChangeAt,
  type Transfers,
  type TransferView,
  transferFor,
} from './transfers.ts';

export type { TransferView };

export interface TransferTracker {
  /** The progress to show for a document, once its transfer has lasted about a second; else null. */
  transferFor(documentId: string): TransferView | null;
  /** Call when a document's save or open settles: a failed transfer sends no final progress. */
  forget(documentId: string): void;
}

/** Transfers in flight from `transferProgress`; the timing rules live in transfers.ts. */
export function useTransfers(opus: OpusApi): TransferTracker {
  const [transfers, setTransfers] = useState<Transfers>(NO_TRANSFERS);
  const [now, setNow] = useState(() => Date.now());

  useEffect(
    () =>
      opus.onTransferProgress((progress) => {
        const at = Date.now();
        setTransfers((previous) => applyProgress(previous, progress, at));
        setNow(at);
      }),
    [opus],
  );

  // Nothing is sent when a transfer crosses one second or goes quiet: a timer wakes the view instead.
  useEffect(() => {
    const at = nextChangeAt(transfers, now);
    if (at === null) return;
    const timer = setTimeout(() => {
      const woken = Math.max(Date.now(), at);
      setTransfers((previous) => dropStale(previous, woken));
      setNow(woken);
    }, at - now);
    return () => clearTimeout(timer);
  }, [transfers, now]);

  const forget = useCallback((documentId: string) => {
    setTransfers((previous) => forgetDocument(previous, documentId));
  }, []);

  return {
    transferFor: (documentId) => transferFor(transfers, documentId, now),
    forget,
  };
}
