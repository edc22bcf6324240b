import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of PostgreSQL that can lose replies on purpose:
 * once armed, the next client message containing `marker` is delivered, and every
 * byte the server sends back afterwards is dropped until the connection is cut.
 */
export class FaultyProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private armedFor: string | null = null;
  private cutAfterDrop = true;
  /** Resolves when a reply was dropped (the server answered after committing). */
  private droppedResolvers: Array<() => void> = [];
  port = 0;
  down = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /**
   * Drop the reply to the next message containing `marker`. With `cut` the link is
   * then cut (the client sees an error); without, the client waits forever.
   */
  dropNextReplyTo(marker: string, cut = true): Promise<void> {
    this.armedFor = marker;
    this.cutAfterDrop = cut;
    return new Promise((resolve) => this.droppedResolvers.push(resolve));
  }

  /** Forget an armed drop that has not fired (its message never went through). */
  disarm(): void {
    this.armedFor = null;
  }

  /** Cut every open connection (what a lost link looks like to both ends). */
  cutAll(): void {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Refuse new connections and cut open ones: head office "down". */
  setDown(down: boolean): void {
    this.down = down;
    if (down) this.cutAll();
  }

  async stop(): Promise<void> {
    this.down = true;
    this.cutAll();
    // close() waits for every socket to end; never let a straggler hold the test's teardown.
    await Promise.race([
      new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
  }

  private accept(client: Socket): void {
    if (this.down) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    const pair = { client, upstream };
    this.pairs.add(pair);
    let dropping = false;
    client.on('data', (chunk: Buffer) => {
      if (this.armedFor && chunk.includes(this.armedFor)) {
        this.armedFor = null;
        dropping = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropping) {
        client.write(chunk);
        return;
      }
      // The server answered: it has committed. Lose the answer and cut the link.
      const resolvers = this.droppedResolvers;
      this.droppedResolvers = [];
      resolvers.forEach((resolve) => resolve());
      if (this.cutAfterDrop) {
        client.destroy();
        upstream.destroy();
      }
    });
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  }
}
