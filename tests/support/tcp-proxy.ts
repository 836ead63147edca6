import { Server, Socket, createServer } from 'node:net';

// A TCP proxy between the product and PostgreSQL that a test controls, to
// simulate a database restart without restarting the machine's shared server
// (other test runs use it): `outage(ms)` drops every open connection and
// refuses new ones (the port is closed, so clients get ECONNREFUSED, as from a
// stopped server), then listens again on the same port.
// PostgreSQL's ReadyForQuery with status Idle: the server's last word after a
// COMMIT (or an autocommit statement), sent once the work is durable.
const READY_IDLE = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);

interface CommitTrap {
  marker: RegExp;
  action: 'drop' | 'hold';
  sprung: () => void;
}

export class TcpProxy {
  port = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private trap?: CommitTrap;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    return this.port;
  }

  // Rewrites a database URL so that it goes through the proxy.
  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  get connections(): number {
    return this.sockets.size;
  }

  // Drops every connection at once, like a server that went away.
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async up(): Promise<void> {
    if (!this.server) await this.start(this.port);
  }

  async outage(ms: number): Promise<void> {
    await this.down();
    await new Promise((r) => setTimeout(r, ms));
    await this.up();
  }

  stop(): Promise<void> {
    return this.down();
  }

  // The answer to a commit is lost: on the first connection that sends SQL
  // matching `marker`, the server's reply that ends its transaction (the
  // first ReadyForQuery-idle after it) never reaches the client. 'drop'
  // closes that connection at once (a lost connection on COMMIT); 'hold' keeps
  // it open and silent (the client waits, e.g. until the test kills it).
  // Resolves when the commit has happened and its reply was swallowed.
  loseCommitReply(marker: RegExp, action: 'drop' | 'hold'): Promise<void> {
    return new Promise((resolve) => {
      this.trap = { marker, action, sprung: resolve };
    });
  }

  private pipe(client: Socket): void {
    const upstream = new Socket();
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    // Forwarded chunk by chunk (not piped) so that a commit trap can swallow a reply.
    let marked = false;
    let held = false;
    const forward = (from: Socket, to: Socket, inspect: (chunk: Buffer) => boolean) => {
      from.on('data', (chunk: Buffer) => {
        if (held || !inspect(chunk)) return;
        if (!to.write(chunk)) {
          from.pause();
          to.once('drain', () => from.resume());
        }
      });
    };
    upstream.connect(this.targetPort, this.targetHost, () => {
      forward(client, upstream, (chunk) => {
        if (this.trap && !marked && this.trap.marker.test(chunk.toString('latin1'))) marked = true;
        return true;
      });
      forward(upstream, client, (chunk) => {
        const trap = this.trap;
        if (!marked || !trap || !chunk.includes(READY_IDLE)) return true;
        this.trap = undefined;
        if (trap.action === 'drop') close();
        else held = true;
        trap.sprung();
        return false;
      });
    });
  }
}
