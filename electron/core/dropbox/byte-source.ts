/**
 * Bytes an upload sends, made as they are needed: a large text is encoded one chunk at a time, each
 * while the chunk before it travels, instead of all of it before the first request.
 */
export interface ByteSource {
  /** The fewest and the most bytes it can come to, known before any is made. */
  readonly atLeast: number;
  readonly atMost: number;
  /** Every byte, at once: for a single request. Not to be mixed with `next`. */
  whole(): Uint8Array;
  /**
   * The bytes `whole` gave are read no more (the request that sent them has its answer): their memory
   * may serve another encoding. Optional: a source of bytes it does not own has nothing to give back.
   */
  release?(): void;
  /** The next `count` bytes (fewer only at the end, none after it). */
  next(count: number): Uint8Array;
  /** How many bytes there will be in all: exact once `next` has returned the last ones. */
  expectedSize(): number;
}

/** Bytes already in memory, as a source: chunks are views, nothing is copied. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  let offset = 0;
  return {
    atLeast: bytes.length,
    atMost: bytes.length,
    whole: () => bytes,
    next: (count) => {
      const chunk = bytes.subarray(offset, offset + count);
      offset += chunk.length;
      return chunk;
    },
    expectedSize: () => bytes.length,
  };
}

export const isByteSource = (body: Uint8Array | ByteSource): body is ByteSource =>
  !(body instanceof Uint8Array);
