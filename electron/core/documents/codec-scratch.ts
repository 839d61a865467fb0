/**
 * One buffer kept from one whole-file encoding to the next. A save of a large text writes its bytes
 * into memory the last save used instead of fresh memory: fresh, every page is faulted in as it is
 * written, which cost ~65 ms of a 20 MiB save's bytes (measured in `npm run bench`, save 20 MiB), far
 * more than the encoding itself (~18 ms). Let go after a while without a save, so an idle app does not
 * keep a large document's bytes twice.
 */
const IDLE_MS = 30_000;

let spare: Buffer | null = null;
let idle: ReturnType<typeof setTimeout> | undefined;

/** A buffer of at least `size` bytes, to fill and then give back: the spare one when it is large enough. */
export function takeScratch(size: number): Buffer {
  const kept = spare;
  if (kept !== null && kept.length >= size) {
    spare = null;
    clearTimeout(idle);
    return kept;
  }
  return Buffer.allocUnsafe(size);
}

/** Nothing reads `buffer` any more: it serves the next encoding, unless a larger spare is kept already. */
export function giveScratch(buffer: Buffer): void {
  if (spare !== null && spare.length >= buffer.length) return;
  spare = buffer;
  clearTimeout(idle);
  idle = setTimeout(() => {
    spare = null;
  }, IDLE_MS);
  idle.unref?.();
}

/** Grows `buffer` (its first `used` bytes kept) to hold at least `size`, giving the old one back. */
export function growScratch(buffer: Buffer, used: number, size: number): Buffer {
  const larger = takeScratch(Math.max(size, Math.ceil(buffer.length * 1.5)));
  buffer.copy(larger, 0, 0, used);
  giveScratch(buffer);
  return larger;
}
