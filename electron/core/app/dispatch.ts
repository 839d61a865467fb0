import type { z } from 'zod';
import type { ContractError, Envelope } from '../contract/api.ts';
import { type CommandName, type CommandResponse, type Commands, commands } from '../contract/commands.ts';
import { isOpusError } from '../errors.ts';

export type Handlers = {
  [N in CommandName]: (
    request: z.output<Commands[N]['request']>,
  ) => Promise<CommandResponse<N>> | CommandResponse<N>;
};

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);

/**
 * The one door into main: checks the command name and the request against the contract, runs the
 * handler, checks the response (so nothing outside the contract — a token, a stack — can leave), and
 * turns every failure into a kind and words.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  request: unknown,
  log: (line: string) => void = () => {},
): Promise<Envelope<unknown>> {
  if (!isCommandName(name))
    return failure('invalid_request', `There is no command "${String(name).slice(0, 60)}".`);
  const schema = commands[name];
  const parsed = schema.request.safeParse(request ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return failure(
      'invalid_request',
      `Invalid arguments for ${name}: ${where}${issue?.message ?? 'not accepted'}.`,
    );
  }
  try {
    const handler = handlers[name] as (request: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = schema.response.safeParse(value ?? null);
    if (!checked.success) {
      log(`opus: ${name} produced a response outside the contract: ${checked.error.message}`);
      return failure('unknown', 'Opus hit an internal error. Your text is safe; please try again.');
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (isOpusError(error)) return failure(error.kind, error.message);
    log(`opus: ${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    return failure('unknown', 'Opus hit an internal error. Your text is safe; please try again.');
  }
}

const failure = (kind: string, message: string): { ok: false; error: ContractError } => ({
  ok: false,
  error: { kind, message },
});
