import { binaryFile } from './codec-encoding.ts';

// Like git's "is it binary?" sniff, the ratio is judged on a prefix; a NUL anywhere still refuses.
export const SAMPLE_CHARS = 64 * 1024;
const MAX_CONTROL_RATIO = 0.1;

/** C0/C1 control characters that real text does not contain (tab, line breaks, form feed and ESC do). */
function isStrayControl(code: number): boolean {
  if (code < 0x20)
    return code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1b;
  return code === 0x7f || (code >= 0x80 && code <= 0x9f);
}

/** Stray control characters among the first `limit` characters of `raw`. */
export function countStrayControls(raw: string, limit: number): number {
  const end = Math.min(raw.length, limit);
  let controls = 0;
  for (let index = 0; index < end; index++) {
    if (isStrayControl(raw.charCodeAt(index))) controls++;
  }
  return controls;
}

/** Whether `controls` stray controls among the first `sampled` characters make a text look binary. */
export const tooManyControls = (controls: number, sampled: number): boolean =>
  sampled > 0 && controls / sampled > MAX_CONTROL_RATIO;

/**
 * Refuses decoded characters that are not text: a NUL character, or many control characters (what a PNG
 * or a ZIP looks like once forced through a single-byte charset).
 */
export function refuseBinary(raw: string, nulFree = false): void {
  if (!nulFree && raw.includes('\u0000')) throw binaryFile();
  const sampled = Math.min(raw.length, SAMPLE_CHARS);
  if (tooManyControls(countStrayControls(raw, sampled), sampled)) throw binaryFile();
}
