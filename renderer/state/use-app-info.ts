import { useEffect, useState } from 'react';
import type { CommandResponse, OpusApi } from '../opus.ts';
import type { EarlyAnswer } from '../start-up/early-answer.ts';

export type AppInfo = CommandResponse<'getAppInfo'>;

/**
 * Which provider this build talks to (Dropbox or the local server), asked once: by the page as it
 * started (`early`, already answered it is the first state), else here.
 */
export function useAppInfo(opus: OpusApi, early?: EarlyAnswer<AppInfo>): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(() => early?.value() ?? null);
  useEffect(() => {
    let live = true;
    (early?.promise ?? opus.getAppInfo()).then(
      (value) => live && setInfo(value),
      // Without it the sign-in button still works; it just cannot name the provider.
      () => live && setInfo({ provider: 'dropbox', version: '', platform: '', nativeDialogs: false }),
    );
    return () => {
      live = false;
    };
  }, [opus, early]);
  return info;
}
