/**
 * The row a key moves a listbox's selection to: arrows one row, Home and End to either end, and with a
 * `page` size PageUp/PageDown that many rows, never past either end. undefined: the key moves nothing;
 * null: it is a moving key, but the list has no row to move to.
 */
export function selectionAfterKey(
  key: string,
  selected: number,
  count: number,
  page?: number,
): number | null | undefined {
  const last = count - 1;
  const moves: Record<string, number> = {
    ArrowDown: Math.min(selected + 1, last),
    ArrowUp: Math.max(selected - 1, 0),
    Home: 0,
    End: last,
  };
  if (page !== undefined) {
    moves.PageDown = Math.min(selected + page, last);
    moves.PageUp = Math.max(selected - page, 0);
  }
  const move = moves[key];
  if (move === undefined) return undefined;
  return count > 0 ? move : null;
}
