import { useEffect, useState } from 'react';

/**
 * `flag`, but turned on only once it has stayed on for `delayMs`: a listing that answers in 50 ms shows
 * no spinner at all instead of a flash of one.
 */
export function useDelayedFlag(flag: boolean, delayMs = 300): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => clearTimeout(timer);
  }, [flag, delayMs]);
  return shown;
}
