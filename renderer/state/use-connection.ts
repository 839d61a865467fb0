import { useEffect, useState } from 'react';
import type { OpusApi } from '../opus.ts';
import {
  applyConnectionChanged,
  applyPendingUploadChanged,
  type Connection,
  INITIAL_CONNECTION,
} from './connection.ts';

export interface ConnectionState {
  online: boolean;
  /** True while a save of this document made offline waits to be uploaded. */
  isPending(documentId: string): boolean;
}

/** Whether Dropbox is reachable, and which documents wait for it; both kept current by events. */
export function useConnection(opus: OpusApi): ConnectionState {
  const [state, setState] = useState<Connection>(INITIAL_CONNECTION);
  useEffect(() => {
    const offConnection = opus.onConnectionChanged((change) =>
      setState((previous) => applyConnectionChanged(previous, change)),
    );
    const offPending = opus.onPendingUploadChanged((change) =>
      setState((previous) => applyPendingUploadChanged(previous, change)),
    );
    return () => {
      offConnection();
      offPending();
    };
  }, [opus]);
  return { online: state.online, isPending: (documentId) => state.pending.has(documentId) };
}
