import type { EventName, EventPayload } from '../../../preload/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
export type Disposer = () => void;

/** Carries contract events from services to every transport. Subscribing returns a disposer. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken subscriber (a closed socket, a destroyed window) must not stop the others.
        console.error(`reign: an event listener for ${event} failed:`, error);
      }
    }
  }

  subscribe(listener: EventListener): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
