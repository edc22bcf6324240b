import type { CallResponse } from '@shared/contract';
import { createCounter, type Counter, type CounterConfig } from './counter';
import type { EventListener } from './events';

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

  private constructor(private readonly config: Omit<CounterConfig, 'onProfileChanged'>) {}

  static async start(config: Omit<CounterConfig, 'onProfileChanged'>): Promise<CounterHost> {
    const host = new CounterHost(config);
    await host.open();
    return host;
  }

  get current(): Counter {
    return this.counter;
  }

  route = async (raw: unknown): Promise<CallResponse> => {
    await this.switching;
    return this.counter.route(raw);
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.switching;
    this.unsubscribe();
    await this.counter.close();
  }

  private async open(): Promise<void> {
    this.counter = await createCounter({ ...this.config, onProfileChanged: () => this.reopen() });
    this.unsubscribe = this.counter.subscribe((message) => this.listeners.forEach((listener) => listener(message)));
  }

  private reopen(): void {
    this.switching = this.switching.then(async () => {
      this.unsubscribe();
      await this.counter.close();
      await this.open();
      const status = this.counter.status();
      this.listeners.forEach((listener) => listener({ event: 'status.changed', payload: status }));
    });
  }
}
