import { useEffect, useState } from 'react';
import type { OpusApi } from '../opus.ts';
import type { UpdateState } from '../update-words.ts';

/** Where updating the app stands, kept current by the core's events (a page that starts late asks once). */
export function useUpdateState(opus: OpusApi): UpdateState {
  const [state, setState] = useState<UpdateState>({ phase: 'idle' });
  useEffect(() => {
    let heard = false;
    const off = opus.onUpdateStateChanged((next) => {
      heard = true;
      setState(next);
    });
    opus
      .getUpdateState()
      .then((now) => {
        if (!heard) setState(now);
      })
      .catch(() => {});
    return off;
  }, [opus]);
  return state;
}
