import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TEXT_FORMAT, encodeText, encodeTextChunks } from '../../electron/core/documents/codec.ts';
import { blockHashes, contentHash } from '../../electron/core/dropbox/content-hash.ts';
import { seededRandom } from '../../localbox/test-support/seeded-random.ts';
import { median, percentile } from '../figure.ts';

export const MiB = 1024 * 1024;
export const KiB = 1024;

/** "1 MiB", "64 KiB", "6 MiB": how sizes read in figure names. */
export const sizeName = (bytes: number): string =>
  bytes >= MiB ? `${+(bytes / MiB).toFixed(1)} MiB` : `${+(bytes / KiB).toFixed(1)} KiB`;

// Prose words, with a few non-ASCII ones (as real notes have): decoding and content_hash then do the
// work they do on a real document, which a run of one repeated character would not make them do.
const WORDS = (
  'the of and to in is was that for it as with his on be at by had this not are but from or have an ' +
  'they which one you were her all she there would their we him been has when who will more no if out ' +
  'so said what up its about into than them can only other new some could time these two may then do ' +
  'first any my now such like our over man me even most made after also did many before must through ' +
  'back years where much your way well down should because each just those people how too little state ' +
  'good very make world still own see men work long get here between both life being under never day ' +
  'same another know while last might us great old year off come since against go came right used take ' +
  'three draft chapter window harbour lantern quietly morning letter garden river stone winter evening ' +
  'café naïve façade déjà résumé Zoë coöperate — “quoted” señor'
).split(' ');

/**
 * About `bytes` bytes of UTF-8 prose: sentences of words on lines of 40–100 characters, a blank line
 * between paragraphs, LF endings, a final newline. Never longer than `bytes`.
 */
export function realisticText(bytes: number, seed = 1): string {
  const next = seededRandom(seed);
  const wordBytes = WORDS.map((word) => Buffer.byteLength(word));
  const lines: string[] = [];
  let size = 0;
  let lineInParagraph = 0;
  for (;;) {
    const target = 40 + Math.floor(next() * 60);
    const words: string[] = [];
    let length = 0;
    while (length < target) {
      const index = Math.floor(next() * WORDS.length);
      words.push(WORDS[index] as string);
      length += (wordBytes[index] as number) + 1;
    }
    let line = words.join(' ');
    if (lineInParagraph === 0) line = line[0]?.toUpperCase() + line.slice(1);
    lineInParagraph = next() < 0.15 ? 0 : lineInParagraph + 1;
    if (lineInParagraph === 0) line += '.\n';
    const lineBytes = length + (lineInParagraph === 0 ? 2 : 0);
    if (size + lineBytes > bytes) break;
    lines.push(line);
    size += lineBytes;
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A fetch that asks again (twice at most) when it failed before any answer: a kept-alive socket localbox
 * closed while the other side of a pair ran a long transfer (its keep-alive timeout is 5 s). A whole run
 * once failed on it in the 200 MiB session's baseline.
 */
export async function fetchAgain(url: string, init: RequestInit, attempt = 1): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (attempt >= 3 || !(error instanceof TypeError)) throw error;
    return fetchAgain(url, init, attempt + 1);
  }
}

/**
 * The text as a window sends it: a flat string, as IPC's structured clone delivers it. A template
 * literal gives a rope instead, and whichever of the core's steps touched it first would pay to flatten
 * it inside the measurement.
 */
export const asSent = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/** Milliseconds `run` takes, on the monotonic clock. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/**
 * The figure and its baseline, interleaved in pairs whose order alternates (A B, B A, A B, …) so drift
 * and whatever one leaves behind for the next (GC, the disk cache) hit both alike. One warm-up pair
 * first (JIT, connections, the disk cache), not counted.
 */
export async function interleaved(
  runs: number,
  figure: (run: number) => Promise<number>,
  baseline: (run: number) => Promise<number>,
): Promise<{ figure: number[]; baseline: number[] }> {
  await figure(-1);
  await baseline(-1);
  const result = { figure: [] as number[], baseline: [] as number[] };
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      result.figure.push(await figure(run));
      result.baseline.push(await baseline(run));
    } else {
      result.baseline.push(await baseline(run));
      result.figure.push(await figure(run));
    }
  }
  return result;
}

const round = (value: number) => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** "median 12.3 (runs 12.1, 12.3, 14.0)": every run, so nothing is dropped silently. */
export function spread(values: readonly number[], unit: string): string {
  const runs = values.map(round).join(', ');
  return `median ${round(median(values))} ${unit} (runs ${runs}; p99 ${round(percentile(values, 99))})`;
}

/** Raw Dropbox API v2 over fetch, as any client would send it: no SDK, no hashing, no encoding. */
export interface RawDropbox {
  /** Downloads the whole body; resolves to its length. */
  download(path: string): Promise<number>;
  upload(path: string, bytes: Uint8Array): Promise<void>;
  /**
   * The fewest, largest requests Dropbox allows: upload_session/start with the first `maxRequest`
   * bytes, append_v2 while more than `maxRequest` remain, finish with the rest. Returns the shape.
   */
  uploadInSession(path: string, bytes: Uint8Array, maxRequest: number): Promise<number[]>;
}

const asciiJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export function rawDropbox(url: string, token: string): RawDropbox {
  const post = async (route: string, arg: unknown, body?: Uint8Array): Promise<Response> => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      'Dropbox-API-Arg': asciiJson(arg),
    };
    if (body) headers['Content-Type'] = 'application/octet-stream';
    const res = await fetchAgain(`${url}/2/${route}`, { method: 'POST', headers, body });
    if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  const overwrite = (path: string) => ({ path, mode: { '.tag': 'overwrite' } });
  return {
    download: async (path) => (await (await post('files/download', { path })).arrayBuffer()).byteLength,
    upload: async (path, bytes) => {
      await (await post('files/upload', overwrite(path), bytes)).arrayBuffer();
    },
    uploadInSession: async (path, bytes, maxRequest) => {
      const shape: number[] = [];
      const first = bytes.subarray(0, Math.min(maxRequest, bytes.length));
      const started = (await (await post('files/upload_session/start', {}, first)).json()) as {
        session_id: string;
      };
      shape.push(first.length);
      let offset = first.length;
      while (bytes.length - offset > maxRequest) {
        const chunk = bytes.subarray(offset, offset + maxRequest);
        const cursor = { session_id: started.session_id, offset };
        await (await post('files/upload_session/append_v2', { cursor }, chunk)).arrayBuffer();
        shape.push(chunk.length);
        offset += chunk.length;
      }
      const last = bytes.subarray(offset);
      const cursor = { session_id: started.session_id, offset };
      await (
        await post('files/upload_session/finish', { cursor, commit: overwrite(path) }, last)
      ).arrayBuffer();
      shape.push(last.length);
      return shape;
    },
  };
}

/**
 * The repository's root (where package.json names "opus"), found from this file or the working folder:
 * bench code may run from source (Vitest) or bundled elsewhere, so paths cannot be relative to the module.
 */
export function repoRoot(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      const manifest = join(dir, 'package.json');
      if (
        existsSync(manifest) &&
        (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'opus'
      )
        return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('bench: cannot find the Opus repository (package.json named "opus")');
}

/**
 * What a raw transfer leaves out and a careful editor cannot: the text made into UTF-8 bytes and the
 * bytes' content_hash. Returns the bytes and how long that took.
 */
export async function encodeAndHash(text: string): Promise<{ bytes: Buffer; ms: number }> {
  let bytes: Buffer = Buffer.alloc(0);
  const ms = await timed(async () => {
    bytes = encodeText(text, DEFAULT_TEXT_FORMAT);
    contentHash(bytes);
  });
  return { bytes, ms };
}

/** The same for a large save: 8 MiB at a time, each chunk's blocks hashed, as the core makes a session. */
export function chunkedEncodeAndHash(text: string): Promise<number> {
  return timed(async () => {
    const source = encodeTextChunks(text, DEFAULT_TEXT_FORMAT);
    for (let chunk = source.next(8 * MiB); chunk.length > 0; chunk = source.next(8 * MiB)) blockHashes(chunk);
  });
}

/**
 * The save figures' texts: run n saves `Draft n+2` over `text`, reached as the editor reaches it, by one
 * edit typing the new first line over the one before ('' before the first run).
 */
export function drafts(text: string) {
  let typedLine = '';
  return {
    text: (run: number) => asSent(`Draft ${run + 2}\n${text}`),
    edit: (run: number) => {
      const insert = `Draft ${run + 2}\n`;
      const edit = { at: 0, remove: typedLine.length, insert };
      typedLine = insert;
      return edit;
    },
  };
}
