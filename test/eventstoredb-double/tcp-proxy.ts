import net from 'node:net';

/**
 * Sits between clients and the double's gRPC server so that a test can cut connections the way a network
 * or a crashed node does: sockets reset mid-stream, with no HTTP/2 GOAWAY and no gRPC status.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly connections = new Set<{ client: net.Socket; upstream: net.Socket }>();

  constructor(private readonly upstreamPort: () => number) {}

  async listen(host: string, port: number): Promise<number> {
    const server = net.createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return (server.address() as net.AddressInfo).port;
  }

  dropConnections(): void {
    for (const { client, upstream } of [...this.connections]) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.connections.clear();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect(this.upstreamPort(), '127.0.0.1');
    // Without this, Nagle's algorithm meets delayed acknowledgements and every call waits ~40 ms.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const pair = { client, upstream };
    this.connections.add(pair);
    const drop = () => {
      this.connections.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
