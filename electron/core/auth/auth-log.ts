/**
 * Where sign-in writes what it did. Messages never carry a code, a verifier, a state or a token: they
 * end up in log files that people attach to bug reports.
 */
export interface AuthLog {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLog: AuthLog = { info: () => {}, warn: () => {} };
