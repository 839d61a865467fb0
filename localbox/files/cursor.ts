import { z } from 'zod';
import { BadRequest, RouteError, tag } from '../http/errors.ts';

/**
 * A list_folder cursor: the folder and options it lists, and either where the first listing stopped
 * (`after`, while paging through it) or the change sequence it has seen up to. Opaque to clients.
 */
const CursorState = z.object({
  e: z.string(),
  p: z.string(),
  r: z.boolean(),
  d: z.boolean(),
  l: z.number().int().min(1).max(2000),
  s: z.number().int().min(0),
  a: z.string().optional(),
});
export type CursorState = z.infer<typeof CursorState>;

export function encodeCursor(state: CursorState): string {
  return `AAL${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
}

export function decodeCursor(route: string, cursor: string, epoch: string): CursorState {
  let state: CursorState;
  try {
    state = CursorState.parse(JSON.parse(Buffer.from(cursor.slice(3), 'base64url').toString('utf8')));
    if (!cursor.startsWith('AAL')) throw new Error('prefix');
  } catch {
    throw new BadRequest(
      `Error in call to API function "${route}": Invalid "cursor" parameter: ${JSON.stringify(cursor.slice(0, 40))}`,
    );
  }
  // A cursor from another data folder (or one that was wiped) cannot be continued: start over.
  if (state.e !== epoch) throw new RouteError(tag('reset'));
  return state;
}
