/** Bytes that left in one go (a request body, one journal write), at a time on the keys' clock. */
export interface Sent {
  at: number;
  bytes: number;
}

/**
 * What each key cost in bytes, so a median can be taken: each send is charged to the keys typed since
 * the previous send that carried keys (the keys it can carry), split evenly. A send with no key before
 * it (a call unrelated to typing, a compaction right after a write) is carried into the next send that
 * has keys; one after the last such send (a compaction once the typing stopped) is charged to that send's
 * keys, as one in the middle of a burst would be. A key after which nothing was sent costs 0: what was
 * never sent is not counted. Totals are kept: the answers add up to every byte sent. Today's whole-text
 * note every second charges each of its ~15 keys a fifteenth of the document; a journal that appends
 * each edit charges each key its own record.
 */
export function bytesPerKey(keyTimes: readonly number[], sends: readonly Sent[]): number[] {
  const keys = [...keyTimes].sort((a, b) => a - b);
  const ordered = [...sends].sort((a, b) => a.at - b.at);
  const costs = keys.map(() => 0);
  let next = 0;
  let pendingFrom = 0;
  let lastGroup = { from: 0, to: 0 };
  let carried = 0;
  for (const send of ordered) {
    while (next < keys.length && (keys[next] as number) <= send.at) next++;
    carried += send.bytes;
    const pending = next - pendingFrom;
    if (pending === 0) continue;
    for (let key = pendingFrom; key < next; key++) costs[key] = carried / pending;
    lastGroup = { from: pendingFrom, to: next };
    pendingFrom = next;
    carried = 0;
  }
  const { from, to } = lastGroup;
  for (let key = from; key < to; key++) (costs[key] as number) += carried / (to - from);
  return costs;
}
