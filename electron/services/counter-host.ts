import type { CallResponse, EventMessage } from '@shared/contract';
import { createCounter, type Counter, type CounterConfig } from './counter';
import type { EventListener } from './events';
import { WindowLink } from './window-link';

/**
 * Holds the running counter for a shell. When a first-run setup switches the
 * active branch database, the host closes the demo counter and opens the real
 * one; windows keep their transport and simply see everyone signed out.
 */
export class CounterHost {
  private counter!: Counter;
  private readonly listeners = new Set<EventListener>();
  private unsubscribe: () => void = () => {};
  private switching: Promise<void> = Promise.resolve();
  private reopenRequested = false;

  private constructor(private readonly config: Omit<CounterConfig, 'onProfileChanged'>) {}

  static async start(config: Omit<CounterConfig, 'onProfileChanged'>): Promise<CounterHost> {
    const host = new CounterHost(config);
    await host.open();
    return host;
  }

  get current(): Counter {
    return this.counter;
  }

  route = async (raw: unknown, window?: string): Promise<CallResponse> => {
    await this.switching;
    const response = await this.counter.route(raw, window);
    // The call that switched the database is answered only once the new one is open,
    // so the window's next call already reaches the real branch.
    if (this.reopenRequested) {
      this.reopenRequested = false;
      this.switching = this.reopen();
      await this.switching;
    }
    return response;
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A window's link (one per webContents or WebSocket): its calls reach the router, and it hears
   * only the events its session may see. It outlives a database switch: the new counter has no
   * sessions, so the window hears device events again only after signing in there.
   */
  connect(deliver: (message: EventMessage) => void): WindowLink {
    return new WindowLink(
      {
        route: this.route,
        subscribe: (listener) => this.subscribe(listener),
        mayReceive: (event, token) => this.counter.mayReceive(event, token),
      },
      deliver,
    );
  }

  async close(): Promise<void> {
    await this.switching;
    this.unsubscribe();
    await this.counter.close();
  }

  private async open(): Promise<void> {
    this.counter = await createCounter({ ...this.config, onProfileChanged: () => (this.reopenRequested = true) });
    this.unsubscribe = this.counter.subscribe((message) => this.listeners.forEach((listener) => listener(message)));
  }

  private async reopen(): Promise<void> {
    this.unsubscribe();
    await this.counter.close();
    await this.open();
    this.counter.publishStatus();
  }
}
