import net from 'node:net';

/**
 * A TCP proxy a test can cut and restore: it stands in for a broker or database outage
 * without stopping the shared server other tests use.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly answers = new Map<net.Socket, net.Socket>();
  private stalled = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** Drops every connection and refuses new ones. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = undefined;
  }

  /** Accepts connections again on the same port. */
  async restore(): Promise<void> {
    await this.start(this.port);
  }

  /**
   * Holds back everything the server sends while connections stay open: a server that has
   * taken a request and not answered yet (a broker that does not confirm, a slow database).
   */
  stall(): void {
    this.stalled = true;
    for (const [upstream, client] of this.answers) upstream.unpipe(client).pause();
  }

  /** Lets the held-back answers through. */
  resume(): void {
    this.stalled = false;
    for (const [upstream, client] of this.answers) upstream.pipe(client);
  }

  async stop(): Promise<void> {
    await this.cut();
  }

  private pipe(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
      this.answers.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    this.relay(client, upstream);
  }

  /**
   * Carries the bytes between a client and its upstream connection. A proxy that must read or
   * rewrite the protocol overrides it (then `stall` holds back nothing).
   */
  protected relay(client: net.Socket, upstream: net.Socket): void {
    this.answers.set(upstream, client);
    client.pipe(upstream);
    if (this.stalled) upstream.pause();
    else upstream.pipe(client);
  }
}
