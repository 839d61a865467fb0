import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokenSession } from '../auth/token-session.ts';
import { OpusError } from '../errors.ts';
import {
  bytesOf,
  failureOf,
  type GatewayBench,
  recordingArgs,
  startGatewayBench,
} from '../test-support/gateway-bench.ts';
import { createGateway } from './dropbox-gateway.ts';
import type { BodySink } from './gateway.ts';
import type { RemoteFile } from './remote-file.ts';

let bench: GatewayBench;
const MiB = 1024 * 1024;
const large = randomBytes(3 * MiB);
let largeFile: RemoteFile;

beforeAll(async () => {
  bench = await startGatewayBench();
  largeFile = await bench.gateway().upload('/stream/large.bin', large, { mode: { kind: 'add' } });
  await bench.gateway().upload('/stream/small.txt', bytesOf('small'), { mode: { kind: 'add' } });
});
afterAll(() => bench.stop());
beforeEach(() => {
  bench.lb.box.clearFaults();
  bench.sleeps.length = 0;
  bench.takeCounts();
});

/** A sink per attempt that keeps what it was given; `sinks` shows how many attempts reached the body. */
function collecting() {
  const sinks: { file: RemoteFile; chunks: Uint8Array[] }[] = [];
  const sinkFor = (file: RemoteFile): BodySink<Buffer> => {
    const sink = { file, chunks: [] as Uint8Array[] };
    sinks.push(sink);
    return { write: (chunk) => sink.chunks.push(chunk), end: () => Buffer.concat(sink.chunks) };
  };
  return { sinks, sinkFor };
}

/** A fetch whose first download answer breaks off after its first bytes, as a connection lost mid-body. */
function cuttingFirstBody(): typeof fetch {
  let cut = false;
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (cut || !response.body) return response;
    cut = true;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value } = await reader.read();
        if (value) controller.enqueue(value.subarray(0, 1000));
        await reader.cancel();
        const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        controller.error(new TypeError('terminated', { cause: reset }));
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  }) as typeof fetch;
}

const kindOf = (error: OpusError) => ({ kind: error.kind, message: error.message, detail: error.detail });

describe('a download read as it arrives', () => {
  it('hands the body over a chunk at a time, the metadata first, in one request', async () => {
    const { sinks, sinkFor } = collecting();
    const { file, value } = await bench.gateway().downloadInto('/STREAM/large.bin', sinkFor);
    expect(bench.takeCounts()).toEqual({ 'files/download': 1 });
    expect(value.equals(large)).toBe(true);
    expect(file).toEqual(largeFile);
    expect(sinks).toHaveLength(1);
    expect(sinks[0]?.file).toEqual(largeFile);
    expect(sinks[0]?.chunks.length).toBeGreaterThan(1);
  });

  it('asks for the path as the SDK does, non-ASCII characters escaped in the header', async () => {
    await bench.gateway().upload('/stream/Café €.txt', bytesOf('€'), { mode: { kind: 'add' } });
    const wire = recordingArgs();
    const { value } = await bench
      .gateway({ fetch: wire.fetch })
      .downloadInto('/stream/Café €.txt', collecting().sinkFor);
    expect(value.toString()).toBe('€');
    expect(wire.args).toEqual([{ path: '/stream/Café €.txt' }]);
  });

  it('fails as download fails: nothing there, a folder, a server that keeps failing', async () => {
    const gateway = bench.gateway({ retry: { attempts: 2 } });
    for (const path of ['/stream/missing.txt', '/stream']) {
      const streamed = await failureOf(gateway.downloadInto(path, collecting().sinkFor));
      expect(kindOf(streamed)).toEqual(kindOf(await failureOf(gateway.download(path))));
    }
    bench.lb.box.injectFaults({ failNext: 2 });
    const offline = await failureOf(gateway.downloadInto('/stream/small.txt', collecting().sinkFor));
    expect(offline).toMatchObject({ kind: 'offline', detail: { tags: 'http_500' } });
  });

  it('starts again with a fresh sink after the connection is lost mid-body', async () => {
    const { sinks, sinkFor } = collecting();
    const gateway = bench.gateway({ fetch: cuttingFirstBody() });
    const { value } = await gateway.downloadInto('/stream/large.bin', sinkFor);
    expect(value.equals(large)).toBe(true);
    expect(sinks.map((sink) => Buffer.concat(sink.chunks).length)).toEqual([1000, large.length]);
    expect(bench.takeCounts()).toEqual({ 'files/download': 2 });
    expect(bench.sleeps).toHaveLength(1);
  });

  it('downloads again after a reset before the metadata, a 429 and a 500', async () => {
    const { sinkFor } = collecting();
    const gateway = bench.gateway({ random: () => 0.5 });
    bench.lb.box.injectFaults({ resetNext: 1 });
    expect((await gateway.downloadInto('/stream/small.txt', sinkFor)).value.toString()).toBe('small');
    expect(bench.takeCounts()).toEqual({ 'files/download': 2 });
    bench.lb.box.injectFaults({ rateLimitNext: 1, retryAfterSeconds: 2 });
    await gateway.downloadInto('/stream/small.txt', sinkFor);
    bench.lb.box.injectFaults({ failNext: 1 });
    await gateway.downloadInto('/stream/small.txt', sinkFor);
    // Backoff with full jitter (half of the first 500 ms), then exactly Retry-After.
    expect(bench.sleeps).toEqual([250, 2000, 250]);
  });

  it('stops at a sink that refuses the bytes: its error, no retry, the rest not read', async () => {
    let written = 0;
    const refusal = new OpusError('binary_file', 'not text');
    const failure = await failureOf(
      bench.gateway().downloadInto('/stream/large.bin', () => ({
        write: (chunk) => {
          written += chunk.length;
          throw refusal;
        },
        end: () => 0,
      })),
    );
    expect(failure).toBe(refusal);
    expect(written).toBeLessThan(large.length);
    expect(bench.takeCounts()).toEqual({ 'files/download': 1 });
    // The connection was let go: the next request is answered.
    expect((await bench.gateway().downloadInto('/stream/small.txt', collecting().sinkFor)).value.length).toBe(
      5,
    );
  });

  it('rejects with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    const sinkFor = (): BodySink<null> => ({
      write: () => controller.abort(),
      end: () => null,
    });
    const failure = await failureOf<Error>(
      bench.gateway().downloadInto('/stream/large.bin', sinkFor, controller.signal),
    );
    expect(failure.name).toBe('AbortError');
  });
  // Last: expiring tokens expires the bench's own too.
  it('refreshes a token Dropbox says has expired, once, and asks again', async () => {
    const issued = bench.lb.box.issueTokens({ offline: true });
    const tokens = new TokenSession({
      endpoints: bench.endpoints,
      refreshToken: issued.refresh_token ?? '',
      accessToken: issued.access_token,
      expiresAt: Date.now() + 3600_000,
    });
    const gateway = createGateway({ endpoints: bench.endpoints, tokens });
    bench.lb.box.injectFaults({ expireTokens: true });
    const { value } = await gateway.downloadInto('/stream/small.txt', collecting().sinkFor);
    expect(value.toString()).toBe('small');
    expect(bench.takeCounts()).toEqual({ 'files/download': 2, '/oauth2/token': 1 });
  });
});
