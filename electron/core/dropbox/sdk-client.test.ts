import { Dropbox, type DropboxAuth } from 'dropbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLocalbox, type TestLocalbox } from '../../../localbox/test-support/localbox.ts';
import { endpointFetch } from './endpoints.ts';
import { createSdkClients } from './sdk-client.ts';

let lb: TestLocalbox;
beforeAll(async () => {
  lb = await startTestLocalbox();
});
afterAll(() => lb.stop());

/** A fetch that notes which bearer token each request carried. */
function recordingTokens(base: typeof fetch) {
  const sent: string[] = [];
  const recording = ((input: string | URL | Request, init?: RequestInit) => {
    sent.push(new Headers(init?.headers).get('authorization') ?? 'none');
    return base(input, init);
  }) as typeof fetch;
  return { recording, sent };
}

describe('SDK clients', () => {
  it('give each call in flight its own token', async () => {
    const endpoints = { origin: lb.box.url, appKey: lb.box.appKey };
    const { recording, sent } = recordingTokens(fetch);
    const clients = createSdkClients(endpoints, recording);
    const good = lb.box.issueTokens().access_token;
    const outcomes = await Promise.allSettled([
      clients.withToken(good).usersGetCurrentAccount(),
      clients.withToken('sl.not-a-token').usersGetCurrentAccount(),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(sent).toEqual([`Bearer ${good}`, 'Bearer sl.not-a-token']);
  });

  it('send no Authorization for noauth routes', async () => {
    const { recording, sent } = recordingTokens(fetch);
    const clients = createSdkClients({ origin: lb.box.url, appKey: lb.box.appKey }, recording);
    const cursor = (
      await clients.withToken(lb.box.issueTokens().access_token).filesListFolderGetLatestCursor({ path: '' })
    ).result.cursor;
    sent.length = 0;
    const poll = clients.anonymous().filesListFolderLongpoll({ cursor, timeout: 30 }, { timeout: 50 });
    await expect(poll).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(sent).toEqual(['none']);
  });

  it('(why) one shared client with setAccessToken per call sends the later token for both', async () => {
    const { recording, sent } = recordingTokens(endpointFetch({ origin: lb.box.url, appKey: lb.box.appKey }));
    const shared = new Dropbox({ fetch: recording }) as Dropbox & { auth: DropboxAuth };
    const call = (token: string) => {
      shared.auth.setAccessToken(token);
      return shared.usersGetCurrentAccount().catch(() => undefined);
    };
    await Promise.all([call('sl.first'), call('sl.second')]);
    expect(sent).toEqual(['Bearer sl.second', 'Bearer sl.second']);
  });
});
