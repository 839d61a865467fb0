import { OpusError } from '../errors.ts';

/**
 * Whether Dropbox answers, as every call sees it: an answer (even a refusal) means online, a call that
 * ended `offline` means offline. The window hears of each change at once, not only when the watcher's
 * longpoll times out, and the first answer after an outage sends the saves that waited.
 */
export class Connection {
  private online = true;

  constructor(private readonly onChange: (online: boolean) => void) {}

  /** The one place the state changes: from a call's outcome (`heard`) or the watcher's longpoll. */
  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.onChange(online);
  }

  /**
   * A copy of `target` whose methods each pass their call's outcome to `heard`; anything else is read
   * from `target` itself. Its methods run with `target` as `this`, as the originals would.
   */
  observe<T extends object>(target: T): T {
    const observed = Object.create(target) as T;
    for (const name of methodNames(target)) {
      const method = Reflect.get(target, name) as (...args: unknown[]) => unknown;
      const observedMethod = (...args: unknown[]) => this.heard(method.apply(target, args));
      Reflect.set(observed, name, observedMethod, observed);
    }
    return observed;
  }

  /** Sets the state from how an async call ended; `result` is passed on unchanged. */
  private heard(result: unknown): unknown {
    if (!(result instanceof Promise)) return result;
    return result.then(
      (answer: unknown) => {
        this.setOnline(true);
        return answer;
      },
      (error: unknown) => {
        // Signed out says nothing about the network; any other refusal is an answer from Dropbox.
        if (error instanceof OpusError && error.kind !== 'signed_out')
          this.setOnline(error.kind !== 'offline');
        throw error;
      },
    );
  }
}

/** Every method `target` has, its own or its class's (but not Object's). */
function methodNames(target: object): Set<PropertyKey> {
  const names = new Set<PropertyKey>();
  for (
    let layer = target;
    layer !== Object.prototype && layer !== null;
    layer = Object.getPrototypeOf(layer)
  ) {
    for (const name of Reflect.ownKeys(layer)) {
      const descriptor = Object.getOwnPropertyDescriptor(layer, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') names.add(name);
    }
  }
  return names;
}
