import { transcode } from 'node:buffer';
import { contentHash } from '../../electron/core/dropbox/content-hash.ts';
import { median } from '../figure.ts';

// What converting a text costs, measured on this machine in the same run. A save's is a floor: it is
// paid after the last edit and before the upload can finish, however the core is written; where it
// exceeds what a ratio target leaves (15 % of the raw transfer), no design can meet the target here.
// An open's decoding is not: the core does it while the bytes arrive, so it is reported, not judged.

const RUNS = 5;

function medianMs(run: () => void): number {
  const runs: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

/**
 * The fastest of Node's ways to make a string of UTF-8 bytes, whole (V8's decoder behind
 * `toString` and `TextDecoder`, or ICU's transcoder and a copy). A large string is also fresh memory,
 * page-faulted in as it is written, unless the allocator happens to reuse freed pages: not measured
 * apart, since the allocator's state makes it swing from 3 to 36 ms for 40 MiB between runs.
 */
export function openFloorMs(file: Uint8Array): number {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  return Math.min(
    medianMs(() => bytes.toString('utf8')),
    medianMs(() => new TextDecoder().decode(bytes)),
    medianMs(() => transcode(bytes, 'utf8', 'utf16le').toString('utf16le')),
  );
}

/**
 * A careful save's floor: the text written as UTF-8 into memory already mapped (no page faults, unlike
 * any real encoding's fresh buffer), plus the bytes' content_hash, which goes in the upload's header.
 */
export function saveFloorMs(text: string): number {
  const mapped = new Uint8Array(text.length * 3);
  const encoder = new TextEncoder();
  const { written } = encoder.encodeInto(text, mapped);
  return medianMs(() => {
    encoder.encodeInto(text, mapped);
    contentHash(mapped.subarray(0, written));
  });
}
