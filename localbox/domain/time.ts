/** Dropbox timestamps are UTC with no fractional seconds ("%Y-%m-%dT%H:%M:%SZ"). */
export function dropboxTimestamp(ms: number = Date.now()): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
