import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bytesOf, failureOf, type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { linkMetadataLeftOut } from './test-support/link-metadata-left-out.ts';

let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
});
afterAll(() => bench.stop());

/** The links localbox keeps for `path`, as another client would list them. */
async function linksOf(path: string): Promise<string[]> {
  const { result } = await bench.lb.client().sharingListSharedLinks({ path, direct_only: true });
  return result.links.map((link) => link.url);
}

describe('a shared link for a file', () => {
  test('is made once: asking again hands back the same URL, and Dropbox keeps one link', async () => {
    const gateway = bench.gateway();
    await gateway.upload('/Links/magnum-opus.txt', bytesOf('the text\n'), { mode: { kind: 'add' } });
    bench.takeCounts();
    const first = await gateway.createSharedLink('/Links/magnum-opus.txt');
    const second = await gateway.createSharedLink('/links/MAGNUM-OPUS.txt');
    expect(second).toBe(first);
    expect(bench.takeCounts()).toEqual({ 'sharing/create_shared_link_with_settings': 2 });
    expect(await linksOf('/Links/magnum-opus.txt')).toEqual([first]);
    // The URL is the file's: opened in a browser, it serves the file's bytes.
    const opened = await fetch(first);
    expect(await opened.text()).toBe('the text\n');
  });

  test('an existing link Dropbox does not describe is found with list_shared_links, not made again', async () => {
    const made = await bench.gateway().createSharedLink('/Links/magnum-opus.txt');
    bench.takeCounts();
    const found = await bench
      .gateway({ fetch: linkMetadataLeftOut() })
      .createSharedLink('/Links/magnum-opus.txt');
    expect(found).toBe(made);
    expect(bench.takeCounts()).toEqual({
      'sharing/create_shared_link_with_settings': 1,
      'sharing/list_shared_links': 1,
    });
    expect(await linksOf('/Links/magnum-opus.txt')).toEqual([made]);
  });

  test('a file that is not there is not_found', async () => {
    const failure = await failureOf(bench.gateway().createSharedLink('/Links/nothing-here.txt'));
    expect(failure.kind).toBe('not_found');
  });
});
