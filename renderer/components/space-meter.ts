import { formatSpace, percentOf } from '../format.ts';

export interface SpaceMeter {
  max: number;
  /** Above this the meter warns (80 %), above `high` it alarms (95 %). */
  low: number;
  high: number;
  value: number;
  /** What a screen reader says: the space in words, and the percent. */
  text: string;
}

/**
 * The account's space as a meter that fills toward its alarm. A zero allocation means the size is not
 * known (a team's shared space, say): no meter. An account over its allocation shows a full one.
 */
export function spaceMeter(used: number, allocated: number): SpaceMeter | null {
  if (allocated <= 0) return null;
  return {
    max: allocated,
    low: allocated * 0.8,
    high: allocated * 0.95,
    value: Math.min(used, allocated),
    text: `${formatSpace(used, allocated)} (${percentOf(used, allocated)} %)`,
  };
}
