import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  failureOf,
  type GatewayBench,
  recordingArgs,
  startGatewayBench,
} from '../test-support/gateway-bench.ts';
import type { ByteSource } from './byte-source.ts';
import { contentHash } from './content-hash.ts';
import { createGateway } from './dropbox-gateway.ts';

const MiB = 1024 * 1024;
const nineMiB = randomBytes(9 * MiB);
let bench: GatewayBench;
beforeAll(async () => {
  bench = await startGatewayBench();
});
afterAll(() => bench.stop());
beforeEach(() => {
  bench.lb.box.clearFaults();
  bench.takeCounts();
});

const sessions = (extra = {}) =>
  bench.gateway({ uploadSessionThreshold: 1 * MiB, uploadChunkBytes: 4 * MiB, ...extra });

describe('a file above the session threshold', () => {
  it('goes up in 4 MiB chunks: start, append, finish — with progress and a content_hash on each', async () => {
    const wire = recordingArgs();
    const progress: [number, number][] = [];
    const file = await sessions({ fetch: wire.fetch }).upload('/big/nine.bin', nineMiB, {
      mode: { kind: 'add' },
      strictConflict: true,
      onProgress: (sent, total) => progress.push([sent / MiB, total / MiB]),
    });
    expect(bench.takeCounts()).toEqual({
      'files/upload_session/start': 1,
      'files/upload_session/append_v2': 1,
      'files/upload_session/finish': 1,
    });
    expect(progress).toEqual([
      [4, 9],
      [8, 9],
      [9, 9],
    ]);
    expect(file).toMatchObject({ size: 9 * MiB, contentHash: contentHash(nineMiB) });
    const chunkHashes = [0, 4, 8].map((at) => contentHash(nineMiB.subarray(at * MiB, (at + 4) * MiB)));
    expect(wire.args.map((arg) => arg.content_hash)).toEqual(chunkHashes);
    expect(wire.args[2]).toMatchObject({ cursor: { offset: 8 * MiB }, commit: { path: '/big/nine.bin' } });
  });

  it('makes a source surely above the threshold a chunk at a time, never whole', async () => {
    const bytes = randomBytes(9 * MiB + 5);
    const asked: number[] = [];
    let offset = 0;
    const lazy: ByteSource = {
      atLeast: bytes.length - 1,
      atMost: bytes.length + 1,
      whole: () => {
        throw new Error('made whole');
      },
      next: (count) => {
        asked.push(offset);
        const chunk = Buffer.from(bytes.subarray(offset, offset + count));
        offset += chunk.length;
        return chunk;
      },
      expectedSize: () => bytes.length,
    };
    const file = await sessions().upload('/big/lazy.bin', lazy, { mode: { kind: 'add' } });
    expect(file).toMatchObject({ size: bytes.length, contentHash: contentHash(bytes) });
    expect(bench.takeCounts()).toEqual({
      'files/upload_session/start': 1,
      'files/upload_session/append_v2': 1,
      'files/upload_session/finish': 1,
    });
    // Each chunk made once, in order, one ahead of the request on the wire (and a last, empty, ask).
    expect(asked).toEqual([0, 4 * MiB, 8 * MiB, bytes.length]);
  });

  it('downloads whole, in one request', async () => {
    const { file, bytes } = await sessions().download('/big/nine.bin');
    expect(bench.takeCounts()).toEqual({ 'files/download': 1 });
    expect(bytes.equals(nineMiB)).toBe(true);
    expect(file.contentHash).toBe(contentHash(nineMiB));
  });

  it('survives a reset during an append, and a lost answer to one, without sending a chunk twice', async () => {
    let appends = 0;
    const losingSecondAppend = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/append_v2') && ++appends === 2) {
        await response.arrayBuffer();
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        });
      }
      return response;
    }) as typeof fetch;
    const bytes = randomBytes(13 * MiB);
    const gateway = sessions({ fetch: losingSecondAppend });
    const file = await gateway.upload('/big/thirteen.bin', bytes, { mode: { kind: 'overwrite' } });
    expect(file.contentHash).toBe(contentHash(bytes));
    // start, append (8 MiB), append (12 MiB, answer lost), its retry (told incorrect_offset: it landed), finish.
    expect(bench.takeCounts()).toEqual({
      'files/upload_session/start': 1,
      'files/upload_session/append_v2': 3,
      'files/upload_session/finish': 1,
    });
  });

  it('conflicts at finish against a stale rev, like a single upload', async () => {
    const gateway = sessions();
    const first = await gateway.upload('/big/stale.bin', randomBytes(2 * MiB), { mode: { kind: 'add' } });
    await gateway.upload('/big/stale.bin', randomBytes(2 * MiB), { mode: { kind: 'overwrite' } });
    const failure = await failureOf(
      gateway.upload('/big/stale.bin', randomBytes(2 * MiB), {
        mode: { kind: 'update', rev: first.rev },
        strictConflict: true,
      }),
    );
    expect(failure).toMatchObject({ kind: 'conflict', detail: { tags: 'path/conflict/file' } });
  });

  it('restarts a session whose start was reset', async () => {
    bench.lb.box.injectFaults({ resetNext: 1 });
    const bytes = randomBytes(5 * MiB);
    const file = await sessions().upload('/big/five.bin', bytes, { mode: { kind: 'add' } });
    expect(file.contentHash).toBe(contentHash(bytes));
    expect(bench.takeCounts()).toEqual({ 'files/upload_session/start': 2, 'files/upload_session/finish': 1 });
  });

  it('keeps a file at the threshold to one files/upload request', async () => {
    await sessions().upload('/big/one.bin', randomBytes(1 * MiB), { mode: { kind: 'add' } });
    expect(bench.takeCounts()).toEqual({ 'files/upload': 1 });
  });

  it('refuses chunk sizes that are not 4 MiB multiples, and thresholds above 150 MiB', () => {
    const options = { endpoints: bench.endpoints, tokens: bench.tokens };
    expect(() => createGateway({ ...options, uploadChunkBytes: 5 * MiB })).toThrow(RangeError);
    expect(() => createGateway({ ...options, uploadSessionThreshold: 151 * MiB })).toThrow(RangeError);
  });
});
