/** Bytes that left in one go (a request body, one journal write), at a time on the keys' clock. */
export interface Sent {
  at: number;
  bytes: number;
}

/**
 * What each key cost in bytes, so a median can be taken: each send is charged to the keys typed since
 * the previous send that carried keys (the keys it can carry), split evenly. A send with no key before
 * it (a call unrelated to typing) is carried into the next send that has keys; bytes sent after the last
 * key's send (trailing work, a compaction) are spread over every key. A key after which nothing was sent
 * costs 0: what was never sent is not counted. Totals are kept: the answers add up to every byte sent.
 * Today's whole-text note every second charges each of its ~15 keys a fifteenth of the document; a
 * journal that appends each edit charges each key its own record.
 */
export function bytesPerKey(keyTimes: readonly number[], sends: readonly Sent[]): number[] {
  const keys = [...keyTimes].sort((a, b) => a - b);
  const ordered = [...sends].sort((a, b) => a.at - b.at);
  const costs = keys.map(() => 0);
  let next = 0;
  let pendingFrom = 0;
  let carried = 0;
  for (const send of ordered) {
    while (next < keys.length && (keys[next] as number) <= send.at) next++;
    carried += send.bytes;
    const pending = next - pendingFrom;
    if (pending === 0) continue;
    for (let key = pendingFrom; key < next; key++) costs[key] = carried / pending;
    pendingFrom = next;
    carried = 0;
  }
  if (carried > 0 && keys.length > 0) {
    for (let key = 0; key < keys.length; key++) (costs[key] as number) += carried / keys.length;
  }
  return costs;
}
