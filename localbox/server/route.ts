import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Scope } from '../auth/scopes.ts';
import type { Services } from './services.ts';

export interface StoredBody {
  tempPath: string;
  size: number;
  contentHash: string;
}

export interface Caller {
  appKey: string;
  accessToken: string;
}

export interface Call<A> {
  arg: A;
  services: Services;
  /** Present for upload-style routes: the request body, fsynced in a temp file. */
  body: StoredBody | undefined;
  caller: Caller | undefined;
  req: IncomingMessage;
  /** Aborted when the client goes away, so a longpoll stops waiting. */
  signal: AbortSignal;
}

/** What a download-style route answers: metadata for the Dropbox-API-Result header and a blob to stream. */
export interface Download {
  result: unknown;
  file: string;
  size: number;
  etag: string;
}

/** A Stone route: `ns/name` served at `/2/ns/name`. */
export interface ApiRoute<A = unknown> {
  name: string;
  style: 'rpc' | 'upload' | 'download';
  /** 'app': HTTP Basic with the app key and secret (check/app); the call then has no caller. */
  /** Stone's `auth`: `app_or_user` is its `"app, user"`, a Bearer token or the app's key and secret. */
  auth: 'user' | 'app' | 'app_or_user' | 'noauth';
  /**
   * The scope the spec gives the route (`scope = "…"` in its Stone attrs; routes/index.test.ts holds
   * them to it); null where it gives none. A user token without it gets 401 missing_scope.
   */
  scope: Scope | null;
  /** null for routes that take no argument (they accept no body or "null"). */
  arg: z.ZodType<A> | null;
  handle(call: Call<A>): unknown;
}

/** Plain HTTP handlers outside the Stone world: OAuth pages and the token endpoint, control routes. */
export interface RawRoute {
  path: string;
  methods: readonly string[];
  /** Whether injected faults (429, 500, resets, latency) apply, as they do to API calls. */
  faultable: boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL, services: Services): Promise<void> | void;
}

export const apiRoute = <A>(route: ApiRoute<A>): ApiRoute<A> => route;
