import type { EventMessage, EventName, EventPayload } from '@shared/contract';

export type EventListener = (message: EventMessage) => void;

/** Fans typed events out to every connected window, whatever its transport. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener({ event, payload });
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
