import { OpusError } from '../errors.ts';

/**
 * Whether Dropbox answers, as every call sees it: an answer (even a refusal) means online, a call that
 * ended `offline` means offline. The window hears of each change at once, not only when the watcher's
 * longpoll times out, and the first answer after an outage sends the saves that waited.
 */
export class Connection {
  private online = true;

  constructor(private readonly onChange: (online: boolean) => void) {}

  report(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    this.onChange(online);
  }

  /** The same object, each of whose async methods reports how its call went. */
  observe<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(object, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (answer: unknown) => {
              this.report(true);
              return answer;
            },
            (error: unknown) => {
              if (error instanceof OpusError && error.kind !== 'signed_out')
                this.report(error.kind !== 'offline');
              throw error;
            },
          );
        };
      },
    });
  }
}
