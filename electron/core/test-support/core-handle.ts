import type { Envelope } from '../../common/contract/api.ts';
import type { CommandName, CommandRequest, CommandResponse } from '../../common/contract/commands.ts';
import type { EventName, EventPayload } from '../../common/contract/events.ts';
import type { DocumentSnapshot } from '../../common/contract/shapes.ts';
import type { OpusCore } from '../wiring/opus-core.ts';

interface Recorded {
  name: EventName;
  payload: unknown;
}

/** Every event the core pushed, and a way to wait for the next one that matters. */
export class EventRecorder {
  private list: Recorded[] = [];
  private readonly waiters = new Set<() => void>();

  readonly listener = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    this.list.push({ name, payload });
    for (const wake of this.waiters) wake();
  };

  /** Forgets what was seen so far: `waitFor` and `of` look only at what comes next. */
  clear(): void {
    this.list = [];
  }

  of<N extends EventName>(name: N): EventPayload<N>[] {
    return this.list.filter((e) => e.name === name).map((e) => e.payload as EventPayload<N>);
  }

  names(): EventName[] {
    return this.list.map((e) => e.name);
  }

  /** The first event of `name` since the last clear that satisfies `predicate`, seen or still to come. */
  waitFor<N extends EventName>(
    name: N,
    predicate: (payload: EventPayload<N>) => boolean = () => true,
    timeoutMs = 2000,
  ): Promise<EventPayload<N>> {
    const find = () => this.of(name).find(predicate);
    const already = find();
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const found = find();
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(
          new Error(`no ${name} event within ${timeoutMs} ms; saw: ${this.names().join(', ') || 'nothing'}`),
        );
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}

/** The answer of a command that failed, for asserting on its kind. */
export class CallFailed extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(`${kind}: ${message}`);
  }
}

/** One Opus core as a window sees it: calls through the contract and the events it pushes. */
export interface CoreHandle {
  core: OpusCore;
  events: EventRecorder;
  /** Calls a command; the value, or a CallFailed with the error's kind. */
  call<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResponse<N>>;
  /** The raw envelope, for commands expected to fail. */
  envelope(name: CommandName, request: unknown): Promise<Envelope<unknown>>;
  open(path: string): Promise<DocumentSnapshot>;
  /**
   * The test's editor of a document: the rev its text is based on (the latest main announced: it takes
   * every reload) and its version, which `typeText` moves on.
   */
  editorOf(documentId: string): { rev: string; version: number };
  /** Closes the core (flushes the journal, stops the watcher). */
  close(): Promise<void>;
}

export function handleFor(core: OpusCore): CoreHandle {
  const events = new EventRecorder();
  core.subscribe(events.listener);
  const editors = new Map<string, { rev: string; version: number }>();
  const follow = (documentId: string, rev: string) => {
    const editor = editors.get(documentId);
    if (editor) editor.rev = rev;
    else editors.set(documentId, { rev, version: 1 });
  };
  core.subscribe((name, payload) => {
    if (name === 'documentStateChanged') {
      const { documentId, remote } = payload as EventPayload<'documentStateChanged'>;
      follow(documentId, remote.rev);
    }
    if (name === 'documentReloaded') {
      const { snapshot } = payload as EventPayload<'documentReloaded'>;
      follow(snapshot.documentId, snapshot.remote.rev);
    }
  });
  const call = async <N extends CommandName>(name: N, request: CommandRequest<N>) => {
    const answer = await core.call(name, request);
    if (!answer.ok) throw new CallFailed(answer.error.kind, answer.error.message);
    return answer.value as CommandResponse<N>;
  };
  return {
    core,
    events,
    call,
    envelope: (name, request) => core.call(name, request),
    open: async (path) => {
      const snapshot = await call('openDocument', { path });
      follow(snapshot.documentId, snapshot.remote.rev);
      return snapshot;
    },
    editorOf: (documentId) => {
      const editor = editors.get(documentId);
      if (!editor) throw new Error(`no editor follows ${documentId}: open it first`);
      return editor;
    },
    close: () => core.close(),
  };
}
