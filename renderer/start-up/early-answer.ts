import { errorKind } from '../opus.ts';

/**
 * A call made before React renders: its promise, and its outcome once it has come, so the first render
 * can use an answer that is already there instead of showing "Starting…" for one more frame.
 */
export interface EarlyAnswer<T> {
  promise: Promise<T>;
  /** The value, once the promise has fulfilled; undefined before, or if it failed. */
  value(): T | undefined;
}

export function earlyAnswer<T>(promise: Promise<T>): EarlyAnswer<T> {
  let fulfilled: { value: T } | undefined;
  promise.then(
    (value) => {
      fulfilled = { value };
    },
    // Its taker handles the failure (nobody may ever take it: signed out, a link never used); here it
    // must only not count as unhandled.
    () => undefined,
  );
  return { promise, value: () => fulfilled?.value };
}

/**
 * The early call's answer, or, when it found nobody signed in (the page started on the sign-in
 * screen), the same call made again now that someone is. Any other refusal is passed on.
 */
export function answerOnceSignedIn<T>(early: EarlyAnswer<T>, askAgain: () => Promise<T>): Promise<T> {
  return early.promise.catch((error: unknown) =>
    errorKind(error) === 'signed_out' ? askAgain() : Promise.reject(error),
  );
}
