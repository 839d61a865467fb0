import { useEffect, useState } from 'react';
import type { CommandResponse, OpusApi } from '../opus.ts';

export type AppInfo = CommandResponse<'getAppInfo'>;

/** Which provider this build talks to (Dropbox or the local server), asked once. */
export function useAppInfo(opus: OpusApi): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    opus.getAppInfo().then(
      (value) => live && setInfo(value),
      // Without it the sign-in button still works; it just cannot name the provider.
      () => live && setInfo({ provider: 'dropbox', version: '', platform: '', nativeDialogs: false }),
    );
    return () => {
      live = false;
    };
  }, [opus]);
  return info;
}
