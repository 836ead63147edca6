import { Server, Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP proxy between one api process and PostgreSQL that counts the
 * statements the api sends: each simple-protocol Query ('Q') and each
 * extended-protocol Execute ('E') in the frontend's byte stream. It measures
 * "how many queries did the database answer for this" at the wire, whatever
 * the api's data-access layer (pg, Prisma's pg adapter).
 */
export class StatementCounter {
  statements = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(
    private readonly targetHost = '127.0.0.1',
    private readonly targetPort = 5432,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  url(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private pipe(client: Socket): void {
    const upstream = createConnection(this.targetPort, this.targetHost);
    this.sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    upstream.pipe(client);
    // The frontend stream: a startup message (length, then body, no type
    // byte), then typed messages: type byte, int32 length (itself included).
    let pending: Buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let offset = 0;
      for (;;) {
        if (!started) {
          if (pending.length - offset < 4) break;
          const length = pending.readInt32BE(offset);
          if (pending.length - offset < length) break;
          offset += length;
          started = true;
          continue;
        }
        if (pending.length - offset < 5) break;
        const type = pending[offset];
        const length = pending.readInt32BE(offset + 1);
        if (pending.length - offset < 1 + length) break;
        if (type === 0x51 /* Q */ || type === 0x45 /* E */) this.statements++;
        offset += 1 + length;
      }
      pending = pending.subarray(offset);
    });
  }
}
