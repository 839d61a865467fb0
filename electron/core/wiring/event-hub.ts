import type { EventName, EventPayload } from '../../common/contract/events.ts';
import type { EventListener } from './core-service.ts';

/** Fan-out of main's events to whichever hosts listen (one window, or the browser host's streams). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit = <N extends EventName>(name: N, payload: EventPayload<N>): void => {
    for (const listener of this.listeners) listener(name, payload);
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
