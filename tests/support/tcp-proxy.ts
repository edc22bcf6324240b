import { createServer, connect, type Server, type Socket } from 'node:net';

/** A slow link: so many bits per second each way, and a round trip (half of it each way). */
export interface LinkShape {
  bitsPerSecond: number;
  roundTripMs: number;
}

/** What a link of this shape did to one direction's bytes: when each piece may leave. */
class ShapedDirection {
  private freeAt = 0;
  bytes = 0;

  constructor(private readonly shape: LinkShape) {}

  /** Sends `chunk` through `write` as the link would: in segments, each after its transmission time plus half the round trip. */
  send(chunk: Buffer, write: (piece: Buffer) => void): void {
    this.bytes += chunk.length;
    const bytesPerMs = this.shape.bitsPerSecond / 8 / 1000;
    for (let offset = 0; offset < chunk.length; offset += SEGMENT) {
      const piece = chunk.subarray(offset, offset + SEGMENT);
      const now = performance.now();
      this.freeAt = Math.max(now, this.freeAt) + piece.length / bytesPerMs;
      setTimeout(() => write(piece), this.freeAt + this.shape.roundTripMs / 2 - now);
    }
  }
}

/** A connection whose requests the proxy holds back until released. */
interface HeldConnection {
  release(): void;
}

/** A TCP segment's payload on most links: pieces this size keep a slow link's timing smooth. */
const SEGMENT = 1460;

/**
 * A loopback TCP proxy in front of PostgreSQL that can lose replies on purpose:
 * once armed, the next client message containing `marker` is delivered, and every
 * byte the server sends back afterwards is dropped until the connection is cut.
 * Shaped (`shape`), it is also a slow link: bandwidth and latency each way.
 */
export class FaultyProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private armedFor: string | null = null;
  private cutAfterDrop = true;
  /** Resolves when a reply was dropped (the server answered after committing). */
  private droppedResolvers: Array<() => void> = [];
  /** Markers whose requests wait in the proxy (with what follows them on their connection) until released. */
  private readonly holds = new Map<string, Set<HeldConnection>>();
  /** Markers whose requests cut their connection instead of arriving. */
  private readonly refused = new Set<string>();
  port = 0;
  down = false;
  /** Bytes that went each way through shaped connections (the wire's cost, measured). */
  readonly carried = { up: 0, down: 0 };

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private readonly shape: LinkShape | null = null,
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

  /**
   * Holds every client message containing `marker` — and everything after it on the same
   * connection — inside the proxy until `release()`: a request stuck on its way, which head
   * office has not seen. Released, the held bytes go on in order (to connections still open).
   */
  holdRequestsTo(marker: string): { release(): void } {
    const held = new Set<HeldConnection>();
    this.holds.set(marker, held);
    return {
      release: () => {
        if (this.holds.get(marker) === held) this.holds.delete(marker);
        for (const connection of held) connection.release();
        held.clear();
      },
    };
  }

  /**
   * Cuts the connection of any client message containing `marker` instead of delivering it,
   * until `stop()`: one head-office function unreachable while the rest of the link works.
   */
  refuseRequestsTo(marker: string): { stop(): void } {
    this.refused.add(marker);
    return { stop: () => void this.refused.delete(marker) };
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
    const up = this.shape ? new ShapedDirection(this.shape) : null;
    const down = this.shape ? new ShapedDirection(this.shape) : null;
    const toServer = (chunk: Buffer) => {
      this.carried.up += chunk.length;
      if (up) up.send(chunk, (piece) => upstream.destroyed || upstream.write(piece));
      else upstream.write(chunk);
    };
    const toClient = (chunk: Buffer) => {
      this.carried.down += chunk.length;
      if (down) down.send(chunk, (piece) => client.destroyed || client.write(piece));
      else client.write(chunk);
    };
    let held: Buffer[] | null = null;
    const heldConnection: HeldConnection = {
      release: () => {
        const chunks = held ?? [];
        held = null;
        if (!upstream.destroyed) for (const chunk of chunks) toServer(chunk);
      },
    };
    client.on('data', (chunk: Buffer) => {
      if ([...this.refused].some((marker) => chunk.includes(marker))) {
        client.destroy();
        upstream.destroy();
        return;
      }
      if (held) {
        held.push(chunk);
        return;
      }
      for (const [marker, connections] of this.holds) {
        if (!chunk.includes(marker)) continue;
        held = [chunk];
        connections.add(heldConnection);
        return;
      }
      if (this.armedFor && chunk.includes(this.armedFor)) {
        this.armedFor = null;
        dropping = true;
      }
      toServer(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropping) {
        toClient(chunk);
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
