import type { OpusApi } from '../opus.ts';
import type { PageStart } from '../start-up/start-up.ts';
import { useAccount } from '../state/use-account.ts';
import { useAppInfo } from '../state/use-app-info.ts';
import { SignInScreen } from './sign-in-screen.tsx';
import { Workspace } from './workspace.tsx';

/** Signed out → the sign-in screen; signed in → the workspace. The account event switches between them. */
export function App({ opus, pageStart = null }: { opus: OpusApi; pageStart?: PageStart | null }) {
  const account = useAccount(opus, pageStart?.account);
  const info = useAppInfo(opus, pageStart?.appInfo);
  if (account.status === 'loading' || !info) {
    return (
      <p className="centered" aria-busy="true">
        Starting Opus…
      </p>
    );
  }
  if (account.status === 'signedOut') {
    return <SignInScreen opus={opus} provider={info.provider} error={account.error} />;
  }
  return (
    <Workspace
      opus={opus}
      pageStart={pageStart}
      account={account.account}
      nativeDialogs={info.nativeDialogs}
    />
  );
}
