import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpusError } from '../errors.ts';
import { bytesOf, failureOf, type GatewayBench, startGatewayBench } from '../test-support/gateway-bench.ts';
import { contentHash } from './content-hash.ts';

const MiB = 1024 * 1024;
let bench: GatewayBench;
beforeAll(async () => {
  // Small limits so that too_large and insufficient_space come from localbox itself.
  bench = await startGatewayBench({ maxUploadBytes: 1 * MiB, quotaBytes: 3 * MiB });
});
afterAll(() => bench.stop());

describe('a save against a revision someone else replaced', () => {
  it('is a conflict that keeps the refused bytes, committed elsewhere without a second upload', async () => {
    const gateway = bench.gateway();
    const mine = await gateway.upload('/Doc/plan.txt', bytesOf('base\n'), { mode: { kind: 'add' } });
    // Another device saves first, with the official SDK.
    await bench.lb.client().filesUpload({
      path: '/Doc/plan.txt',
      contents: 'theirs\n',
      mode: { '.tag': 'overwrite' },
    });
    bench.takeCounts();
    const refused = bytesOf('mine, edited\n');
    const conflict = await failureOf(
      gateway.upload('/Doc/plan.txt', refused, {
        mode: { kind: 'update', rev: mine.rev },
        strictConflict: true,
      }),
    );
    expect(conflict.kind).toBe('conflict');
    expect(conflict.detail.tags).toBe('path/conflict/file');
    expect(conflict.detail.uploadSessionId).toMatch(/.+/);
    expect(bench.takeCounts()).toEqual({ 'files/upload': 1 });

    const copy = await gateway.commitKeptUpload(
      conflict.detail.uploadSessionId ?? '',
      refused.length,
      "/Doc/plan (Local's conflicted copy).txt",
    );
    expect(bench.takeCounts()).toEqual({ 'files/upload_session/finish': 1 });
    expect(copy).toMatchObject({
      name: "plan (Local's conflicted copy).txt",
      contentHash: contentHash(refused),
    });
    expect((await gateway.download(copy.path)).bytes.toString()).toBe('mine, edited\n');
    expect((await gateway.download('/Doc/plan.txt')).bytes.toString()).toBe('theirs\n');
  });

  it('is a conflict even when the content is identical (strict_conflict, as Dropbox rules)', async () => {
    const gateway = bench.gateway();
    const bytes = bytesOf('same\n');
    await gateway.upload('/Doc/same.txt', bytes, { mode: { kind: 'add' } });
    const again = await failureOf(
      gateway.upload('/Doc/same.txt', bytes, { mode: { kind: 'add' }, strictConflict: true }),
    );
    expect(again.kind).toBe('conflict');

    // Someone else typed the same text on a rev we never saw: without strict_conflict Dropbox would
    // answer 200 with their rev and nothing written; with it, the stale rev is a conflict.
    const mine = await gateway.upload('/Doc/twin.txt', bytesOf('draft\n'), { mode: { kind: 'add' } });
    await bench.lb
      .client()
      .filesUpload({ path: '/Doc/twin.txt', contents: 'final\n', mode: { '.tag': 'overwrite' } });
    const stale = { kind: 'update', rev: mine.rev } as const;
    const strict = await failureOf(
      gateway.upload('/Doc/twin.txt', bytesOf('final\n'), { mode: stale, strictConflict: true }),
    );
    expect(strict.kind).toBe('conflict');
    const lenient = await gateway.upload('/Doc/twin.txt', bytesOf('final\n'), { mode: stale });
    expect(lenient.rev).not.toBe(mine.rev);
  });

  it('is a conflict when the file was deleted meanwhile', async () => {
    const gateway = bench.gateway();
    const file = await gateway.upload('/Doc/gone.txt', bytesOf('x'), { mode: { kind: 'add' } });
    await bench.lb.client().filesDeleteV2({ path: '/Doc/gone.txt' });
    const failure = await failureOf(
      gateway.upload('/Doc/gone.txt', bytesOf('y'), {
        mode: { kind: 'update', rev: file.rev },
        strictConflict: true,
      }),
    );
    expect(failure.kind).toBe('conflict');
  });
});

describe('other refusals map to one kind each', () => {
  it('a body above the request limit is too_large', async () => {
    const failure = await failureOf(
      bench.gateway().upload('/Big/too-large.bin', new Uint8Array(2 * MiB), { mode: { kind: 'add' } }),
    );
    expect(failure.kind).toBe('too_large');
    expect(failure.detail.tags).toBe('payload_too_large');
  });

  it('a write past the quota is insufficient_space', async () => {
    const gateway = bench.gateway();
    await gateway.upload('/Big/fill-1.bin', new Uint8Array(1 * MiB).fill(1), { mode: { kind: 'add' } });
    await gateway.upload('/Big/fill-2.bin', new Uint8Array(1 * MiB).fill(2), { mode: { kind: 'add' } });
    const failure = await failureOf(
      gateway.upload('/Big/fill-3.bin', new Uint8Array(1 * MiB).fill(3), { mode: { kind: 'add' } }),
    );
    expect(failure.kind).toBe('insufficient_space');
    expect(failure.detail.tags).toBe('path/insufficient_space');
    await bench.lb.client().filesDeleteV2({ path: '/Big' });
  });

  it('a path Dropbox cannot store is malformed_path, a malformed argument invalid_request with the text', async () => {
    const gateway = bench.gateway();
    const malformed = await failureOf(
      gateway.upload('/Doc/trailing/', bytesOf('x'), { mode: { kind: 'add' } }),
    );
    expect(malformed.kind).toBe('malformed_path');
    const invalid = await failureOf(gateway.listFolder('/'));
    expect(invalid.kind).toBe('invalid_request');
    expect(invalid.message).toContain('Specify the root folder as an empty string');
  });

  it('a missing file is not_found for download, upload(update) and listRevisions', async () => {
    const gateway = bench.gateway();
    expect(isOpusError(await failureOf(gateway.download('/nothing/here.txt')), 'not_found')).toBe(true);
    expect(isOpusError(await failureOf(gateway.listFolder('/nothing')), 'not_found')).toBe(true);
    expect(await gateway.getMetadata('/nothing/here.txt')).toBeNull();
  });
});
