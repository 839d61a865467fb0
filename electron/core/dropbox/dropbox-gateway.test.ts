import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpusError } from '../errors.ts';
import {
  bytesOf,
  type GatewayBench,
  recordingArgs,
  startGatewayBench,
} from '../test-support/gateway-bench.ts';
import { contentHash } from './content-hash.ts';

let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
});
afterAll(() => bench.stop());

describe('opening and saving a document', () => {
  it('saves with exactly one files/upload request carrying the content_hash', async () => {
    const wire = recordingArgs();
    const gateway = bench.gateway({ fetch: wire.fetch });
    bench.takeCounts();
    const bytes = bytesOf('hello\n');
    const file = await gateway.upload('/Notes/Café.txt', bytes, {
      mode: { kind: 'add' },
      strictConflict: true,
    });
    expect(bench.takeCounts()).toEqual({ 'files/upload': 1 });
    expect(wire.args).toEqual([
      {
        path: '/Notes/Café.txt',
        mode: { '.tag': 'add' },
        autorename: false,
        strict_conflict: true,
        content_hash: 'ecb65bb98f9d905b70458986c39fcbad7715e5f2fcc3b1f07767d7c83e2438cc',
      },
    ]);
    expect(file).toMatchObject({
      name: 'Café.txt',
      path: '/Notes/Café.txt',
      pathLower: '/notes/café.txt',
      size: 6,
      contentHash: contentHash(bytes),
    });
    expect(file.rev).toMatch(/^[0-9a-f]{9,}$/);
    expect(file.serverModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('opens with exactly one files/download request, bytes and metadata together', async () => {
    const gateway = bench.gateway();
    const saved = await gateway.upload('/Notes/open-me.txt', bytesOf('line one\n'), {
      mode: { kind: 'overwrite' },
    });
    bench.takeCounts();
    const { file, bytes } = await gateway.download('/notes/OPEN-ME.txt');
    expect(bench.takeCounts()).toEqual({ 'files/download': 1 });
    expect(bytes.toString('utf8')).toBe('line one\n');
    expect(file).toEqual(saved);
  });

  it('saves a revision-checked update in one request and gets a new rev', async () => {
    const gateway = bench.gateway();
    const first = await gateway.upload('/Notes/rev.txt', bytesOf('v1'), { mode: { kind: 'add' } });
    bench.takeCounts();
    const second = await gateway.upload('/Notes/rev.txt', bytesOf('v2'), {
      mode: { kind: 'update', rev: first.rev },
      strictConflict: true,
    });
    expect(bench.takeCounts()).toEqual({ 'files/upload': 1 });
    expect(second.rev).not.toBe(first.rev);
    expect(second.id).toBe(first.id);
  });

  it('answers getMetadata with null when nothing is there, and download with not_found', async () => {
    const gateway = bench.gateway();
    expect(await gateway.getMetadata('/Notes/missing.txt')).toBeNull();
    const failure = await gateway.download('/Notes/missing.txt').catch((error: unknown) => error);
    expect(isOpusError(failure, 'not_found')).toBe(true);
  });

  it('reads the account in two requests sent together', async () => {
    const gateway = bench.gateway();
    bench.takeCounts();
    const account = await gateway.account();
    expect(bench.takeCounts()).toEqual({ 'users/get_current_account': 1, 'users/get_space_usage': 1 });
    expect(account).toMatchObject({ displayName: 'Local User', email: 'you@localbox.invalid' });
    expect(account.accountId).toMatch(/^dbid:/);
    expect(account.allocated).toBe(2 * 1024 ** 3);
    expect(account.used).toBeGreaterThan(0);
    // Sent together: with 300 ms of latency on each, the pair takes one latency, not two.
    bench.lb.box.injectFaults({ latencyMs: 300 });
    const started = performance.now();
    await gateway.account();
    bench.lb.box.clearFaults();
    expect(performance.now() - started).toBeLessThan(550);
  });

  it('lists folders, revisions, and restores an older revision', async () => {
    const gateway = bench.gateway();
    const folder = await gateway.createFolder('/Listed');
    expect(folder).toMatchObject({ name: 'Listed', pathLower: '/listed' });
    const v1 = await gateway.upload('/Listed/a.txt', bytesOf('one'), { mode: { kind: 'add' } });
    await gateway.upload('/Listed/a.txt', bytesOf('two'), { mode: { kind: 'update', rev: v1.rev } });
    const listing = await gateway.listFolder('/Listed');
    expect(listing.entries.map((e) => [e.kind, e.name])).toEqual([['file', 'a.txt']]);
    expect(listing.hasMore).toBe(false);
    const history = await gateway.listRevisions('/Listed/a.txt');
    expect(history.isDeleted).toBe(false);
    expect(history.revisions.map((r) => r.size)).toEqual([3, 3]);
    const restored = await gateway.restore('/Listed/a.txt', v1.rev);
    expect(restored.contentHash).toBe(v1.contentHash);
    expect((await gateway.download('/Listed/a.txt')).bytes.toString()).toBe('one');
    expect(await gateway.getMetadata('/Listed')).toMatchObject({ kind: 'folder', name: 'Listed' });
  });
});
