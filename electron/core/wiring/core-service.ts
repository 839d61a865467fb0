import type { Envelope } from '../../common/contract/api.ts';
import type { EventName, EventPayload } from '../../common/contract/events.ts';

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/**
 * The application as its two hosts see it: the Electron shell binds `call` to ipcMain and forwards
 * events to the window; the browser host serves the same over loopback HTTP and SSE.
 */
export interface CoreService {
  /** Validates the request against the contract, runs it, and answers with an envelope; never throws. */
  call(name: string, request: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: EventListener): () => void;
  /** Flushes the journal and stops the watcher. */
  close(): Promise<void>;
}
