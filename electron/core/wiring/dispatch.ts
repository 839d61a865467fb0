import type { z } from 'zod';
import type { Envelope } from '../../common/contract/api.ts';
import {
  type CommandName,
  type CommandResponse,
  type Commands,
  commands,
} from '../../common/contract/commands.ts';
import type { ContractError, ErrorKind } from '../../common/contract/shapes.ts';
import { isOpusError, type OpusError } from '../errors.ts';

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
    return refusal('invalid_request', `There is no command "${String(name).slice(0, 60)}".`);
  const schema = commands[name];
  const parsed = schema.request.safeParse(request ?? {});
  if (!parsed.success) {
    // Zod fails a parse only with an issue, and every issue has words: the fallbacks are for the types.
    const issue = parsed.error.issues[0];
    // Stryker disable next-line OptionalChaining: equivalent, an issue is always there (above)
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    // Stryker disable next-line OptionalChaining,StringLiteral: equivalent, an issue always has words (above)
    const words = issue?.message ?? 'not accepted';
    return refusal('invalid_request', `Invalid arguments for ${name}: ${where}${words}.`);
  }
  try {
    const handler = handlers[name] as (request: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = schema.response.safeParse(value ?? null);
    if (!checked.success) {
      log(`opus: ${name} produced a response outside the contract: ${checked.error.message}`);
      return refusal('unknown', 'Opus hit an internal error. Your text is safe; please try again.');
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (isOpusError(error)) return { ok: false, error: contractError(error) };
    log(`opus: ${name} failed: ${(error as Error)?.stack ?? String(error)}`);
    return refusal('unknown', 'Opus hit an internal error. Your text is safe; please try again.');
  }
}

/**
 * An OpusError as it crosses to the page: its kind, its words, whether they say anything of this case,
 * and the facts the page acts on.
 */
export const contractError = (error: OpusError): ContractError => ({
  kind: error.kind,
  message: error.message,
  generic: error.generic,
  // Only the facts the page acts on cross: a conflict's remote or the Dropbox tags stay in main.
  ...(error.detail.unwritable ? { detail: { unwritable: error.detail.unwritable } } : {}),
  ...(error.detail.missingScope ? { detail: { missingScope: error.detail.missingScope } } : {}),
});

/** A refusal in words of its own, which say what was wrong: never only the words for a kind. */
export const refusal = (kind: ErrorKind, message: string): { ok: false; error: ContractError } => ({
  ok: false,
  error: { kind, message, generic: false },
});
