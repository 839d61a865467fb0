import { isOpusError, type OpusError } from '../../errors.ts';

/** The OpusError `promise` rejects with; anything else (a success included) fails the test. */
export async function opusFailure(promise: Promise<unknown>): Promise<OpusError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isOpusError(error)) throw new Error(`expected an OpusError, got ${String(error)}`);
  return error;
}
