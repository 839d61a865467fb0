/** Where a key in the More menu goes: an item's index, 'close', or null for a key the menu leaves alone. */
export function menuKeyTarget(key: string, current: number, count: number): number | 'close' | null {
  if (key === 'Escape' || key === 'Tab') return 'close';
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
