import type { AuthLog } from '../auth-log.ts';

export interface RecordingLog extends AuthLog {
  lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
  };
}

/** What a fetch carried in its form body, for finding the secrets the module must never log. */
export function formOf(init: RequestInit | undefined): URLSearchParams {
  return new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
}
