/** The only two IPC channels: commands in (invoke), events out (send). */
export const CALL_CHANNEL = 'opus:call';
export const EVENT_CHANNEL = 'opus:event';
