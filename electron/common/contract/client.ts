// Builds `window.opus` for both hosts from two transports: how to call a command, and where events
// arrive. Shared by the Electron preload and the browser host's page bridge; no zod, no Node, no DOM.
import type { Envelope, OpusApi } from './api.ts';
import { COMMAND_NAMES, EVENT_NAMES } from './names.ts';
import type { ContractError, ErrorKind } from './shapes.ts';

type Listener = (payload: unknown) => void;

/**
 * What a failed command rejects with, in both hosts: a plain copy of the contract's error, never an Error,
 * because Electron's contextBridge copies only an Error's message into the page and the kind would be lost.
 */
export const rejection = ({ kind, message, generic, detail }: ContractError): ContractError => ({
  kind,
  message,
  generic,
  ...(detail ? { detail } : {}),
});

/** A transport's own failure (the host is gone, or refused the call before the core saw it). */
export const transportError = (kind: ErrorKind, message: string): ContractError =>
  rejection({ kind, message, generic: false });

/** A command's value; a failed command's error, thrown as `rejection` gives it. */
export function unwrap(envelope: Envelope<unknown>): unknown {
  if (envelope.ok) return envelope.value;
  throw rejection(envelope.error);
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
