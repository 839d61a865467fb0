import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { OPUS_SCOPES } from '../../common/dropbox-scopes.ts';
import { type SignedIn, startSignIn } from '../auth/sign-in.ts';
import { redirectAfter } from '../auth/test-support/browser.ts';
import { TokenSession } from '../auth/token-session.ts';
import { createGateway } from '../dropbox/dropbox-gateway.ts';
import type { DropboxEndpoints } from '../dropbox/endpoints.ts';
import type { Gateway } from '../dropbox/gateway.ts';
import { linkMetadataLeftOut } from '../dropbox/test-support/link-metadata-left-out.ts';
import { isOpusError, type OpusError } from '../errors.ts';
import { contractError } from '../wiring/dispatch.ts';

let lb: TestLocalbox;
let endpoints: DropboxEndpoints;
beforeAll(async () => {
  lb = await startTestLocalbox();
  endpoints = { origin: lb.box.url, appKey: lb.box.appKey };
});
afterAll(() => lb.stop());

/** Opus's own sign-in, Allow clicked in the browser: the token carries what Opus asked for. */
async function signIn(): Promise<SignedIn> {
  const signing = await startSignIn({
    endpoints,
    ports: [0],
    timeoutMs: 10_000,
    openExternal: async (url) => {
      void redirectAfter(url, 'allow').then((location) => fetch(location));
    },
  });
  return signing.done;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** One call of every gateway method (the compiler asks for a new one), in an order that gives each its input. */
function everyRoute(gateway: Gateway): Record<keyof Gateway, () => Promise<unknown>> {
  let cursor = '';
  return {
    createFolder: () => gateway.createFolder('/scoped'),
    upload: () => gateway.upload('/scoped/a.txt', bytes('a'), { mode: { kind: 'add' } }),
    commitKeptUpload: async () => {
      const refused = await gateway
        .upload('/scoped/a.txt', bytes('b'), { mode: { kind: 'add' }, strictConflict: true })
        .catch((error: unknown) => error);
      const id = isOpusError(refused, 'conflict') ? refused.detail.uploadSessionId : undefined;
      return gateway.commitKeptUpload(id ?? 'no session kept', 1, '/scoped/b.txt');
    },
    download: () => gateway.download('/scoped/a.txt'),
    downloadInto: () => gateway.downloadInto('/scoped/a.txt', () => ({ write: () => {}, end: () => null })),
    getMetadata: () => gateway.getMetadata('/scoped/a.txt'),
    listFolder: () => gateway.listFolder('/scoped'),
    latestCursor: async () => {
      cursor = await gateway.latestCursor('/scoped');
    },
    listFolderContinue: () => gateway.listFolderContinue(cursor),
    longpoll: () => gateway.longpoll(cursor, 30, AbortSignal.timeout(200)).catch(() => null),
    listRevisions: () => gateway.listRevisions('/scoped/a.txt'),
    search: () => gateway.search('a', { filenameOnly: false, maxResults: 10 }),
    restore: async () => {
      const { revisions } = await gateway.listRevisions('/scoped/a.txt');
      return gateway.restore('/scoped/a.txt', revisions[0]?.rev ?? '');
    },
    // Twice: the second finds the link made by the first through list_shared_links, which needs its own scope.
    createSharedLink: async () => {
      await gateway.createSharedLink('/scoped/a.txt');
      return gateway.createSharedLink('/scoped/a.txt');
    },
    deleteFile: () => gateway.deleteFile('/scoped/b.txt'),
    account: () => gateway.account(),
    revoke: () => gateway.revoke(),
  };
}

test('Opus asks for its scopes only, and they cover every route the gateway calls', async () => {
  const signedIn = await signIn();
  expect(signedIn.scope).toBe([...OPUS_SCOPES].sort().join(' '));
  const tokens = new TokenSession({ endpoints, ...signedIn });
  // Dropbox's refusal of a second link loses its metadata on the way, so the gateway lists the links.
  const gateway = createGateway({ endpoints, tokens, fetch: linkMetadataLeftOut() });
  for (const [method, call] of Object.entries(everyRoute(gateway))) {
    const failure = await call().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure, `${method} failed`).toBeUndefined();
  }
});

test('a route the sign-in was not granted fails as missing_scope, naming the scope, and keeps Opus signed in', async () => {
  const signedIn = await signIn();
  const narrowed = await fetch(`${lb.box.url}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: signedIn.refreshToken,
      client_id: lb.box.appKey,
      scope: 'files.content.read files.metadata.read',
    }),
  });
  const { access_token } = (await narrowed.json()) as { access_token: string };
  const tokens = new TokenSession({ endpoints, ...signedIn, accessToken: access_token });
  const gateway = createGateway({ endpoints, tokens });
  const failure = await gateway
    .upload('/nope.txt', bytes('x'), { mode: { kind: 'add' } })
    .catch((e: unknown) => e);
  expect(isOpusError(failure, 'missing_scope')).toBe(true);
  const crossing = contractError(failure as OpusError);
  expect(crossing).toMatchObject({
    kind: 'missing_scope',
    generic: true,
    detail: { missingScope: 'files.content.write' },
  });
  await gateway.listFolder('');
});
