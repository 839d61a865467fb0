import type { CommandName, CommandRequest, CommandResponse } from './commands.ts';
import type { EventName, EventPayload } from './events.ts';
import type { ContractError } from './shapes.ts';

/** What travels back for each command, over IPC or over the browser host's HTTP. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

type EventSubscribers = {
  [N in EventName as `on${Capitalize<N>}`]: (listener: (payload: EventPayload<N>) => void) => () => void;
};

type CommandMethods = {
  [N in CommandName]: Record<never, never> extends CommandRequest<N>
    ? (request?: CommandRequest<N>) => Promise<CommandResponse<N>>
    : (request: CommandRequest<N>) => Promise<CommandResponse<N>>;
};

/** `window.opus`: one method per command and one subscription per event; the same in Electron and the browser host. */
export type OpusApi = CommandMethods & EventSubscribers;
