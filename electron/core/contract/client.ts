// Builds `window.opus` for both hosts from two transports: how to call a command, and where events
// arrive. Shared by the Electron preload and the browser host's page bridge; no zod, no Node, no DOM.
import type { Envelope, OpusApi } from './api.ts';
import { COMMAND_NAMES, EVENT_NAMES } from './names.ts';

type Listener = (payload: unknown) => void;

export class OpusCallError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'OpusCallError';
  }
}

export function unwrap(envelope: Envelope<unknown>): unknown {
  if (envelope.ok) return envelope.value;
  throw new OpusCallError(envelope.error.kind, envelope.error.message);
}

/**
 * `call` sends one command; the returned `deliver` is what the transport calls with each event. The
 * API object has exactly the contract's names: one method per command, `onX` per event (returning an
 * unsubscribe), and nothing else.
 */
export function buildOpusApi(call: (name: string, request: unknown) => Promise<unknown>): {
  api: OpusApi;
  deliver(name: string, payload: unknown): void;
} {
  const listeners = new Map<string, Set<Listener>>();
  const api: Record<string, unknown> = {};
  for (const name of COMMAND_NAMES) api[name] = (request?: unknown) => call(name, request ?? {});
  for (const name of EVENT_NAMES) {
    const set = new Set<Listener>();
    listeners.set(name, set);
    api[`on${name.charAt(0).toUpperCase()}${name.slice(1)}`] = (listener: Listener) => {
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  return {
    api: Object.freeze(api) as unknown as OpusApi,
    deliver: (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
  };
}
