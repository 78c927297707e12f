import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy for fault drills: sits between the app and a database server and can be cut
 * and restored on demand, on the same port, so the app never learns a new address.
 *
 * - `cut()` (refuse): the listener closes, so new connections are refused (ECONNREFUSED), and
 *   every open client/upstream pair is destroyed, so the app sees its pooled connections die.
 * - `cut('blackhole')`: every open pair is destroyed, but the listener keeps accepting and then
 *   never forwards a byte: new connections hang at the handshake, as behind a dropped route.
 * - `cut('freeze')`: a network partition: open pairs stay open but carry nothing either way
 *   (no FIN, no RST), and new connections are accepted and never answered.
 * - `restore()`: forwards again, listening on the same port if the listener was closed; frozen
 *   pairs carry what was held back and held connections are put through (those the app has not
 *   given up on yet), as TCP would once a route or partition heals.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Open client/upstream pairs, so a freeze can stop and a restore resume their traffic. */
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  /** Pairs stopped by a freeze, resumed by a restore. */
  private readonly frozen = new Set<{ client: Socket; upstream: Socket }>();
  /** Connections accepted while blackholed, still waiting for their first byte. */
  private readonly held = new Set<Socket>();
  private mode: 'forward' | 'blackhole' = 'forward';
  private boundPort = 0;
  /** Connections the proxy has accepted since it started (each one the app opened). */
  accepted = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly host = '127.0.0.1',
  ) {}

  get port(): number {
    return this.boundPort;
  }

  /** Listens on an ephemeral port; resolves with it. */
  async start(): Promise<number> {
    await this.listen(0);
    return this.boundPort;
  }

  async cut(mode: 'refuse' | 'blackhole' | 'freeze' = 'refuse'): Promise<void> {
    if (mode === 'freeze') {
      this.mode = 'blackhole';
      for (const pair of this.pairs) {
        pair.client.unpipe(pair.upstream);
        pair.upstream.unpipe(pair.client);
        pair.client.pause();
        pair.upstream.pause();
        this.frozen.add(pair);
      }
      return;
    }
    if (mode === 'blackhole') {
      this.mode = 'blackhole';
      this.destroyAll();
      return;
    }
    const server = this.server;
    this.server = null;
    // close() stops accepting at once; its callback waits until the open connections are gone.
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    this.destroyAll();
    await closed;
  }

  async restore(): Promise<void> {
    this.mode = 'forward';
    const frozen = [...this.frozen];
    this.frozen.clear();
    for (const { client, upstream } of frozen) {
      client.pipe(upstream);
      upstream.pipe(client);
    }
    const held = [...this.held];
    this.held.clear();
    for (const client of held) if (!client.destroyed) this.forward(client);
    if (!this.server) await this.listen(this.boundPort);
  }

  async close(): Promise<void> {
    await this.cut('refuse');
  }

  private destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.pairs.clear();
    this.frozen.clear();
    this.held.clear();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => this.onConnection(client));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.off('error', reject);
        this.server = server;
        this.boundPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private onConnection(client: Socket): void {
    this.accepted += 1;
    this.track(client);
    client.on('error', () => client.destroy());
    if (this.mode === 'blackhole') {
      // accepted, never answered (until a restore)
      this.held.add(client);
      client.once('close', () => this.held.delete(client));
      return;
    }
    this.forward(client);
  }

  private forward(client: Socket): void {
    const upstream = createConnection(this.target);
    this.track(upstream);
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', destroyBoth);
    client.on('error', destroyBoth);
    client.on('close', destroyBoth);
    upstream.on('close', destroyBoth);
    const pair = { client, upstream };
    this.pairs.add(pair);
    client.once('close', () => {
      this.pairs.delete(pair);
      this.frozen.delete(pair);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
