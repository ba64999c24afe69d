import { Server, ServerCredentials } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { AllStart } from './all-subscription';
import { FaultInjector } from './fault-injector';
import { gossipService, type GossipMember } from './gossip.service';
import { InMemoryLog } from './in-memory-log';
import { serverFeaturesService } from './server-features.service';
import { streamsService } from './streams.service';
import { TcpProxy } from './tcp-proxy';

export interface EventStoreDbDoubleOptions {
  /** 0, the default, picks a free port; restarts keep whichever port was picked. */
  readonly port?: number;
  readonly host?: string;
  /** Share one log between doubles to play a cluster's nodes; a new log by default. */
  readonly log?: InMemoryLog;
  /** The server's default is 1 MiB; Entente's servers are configured for 4 MiB (docs/eventstoredb.md). */
  readonly maxAppendSize?: number;
  /** Whether ServerFeatures lists BatchAppend, which the client then uses for every append. */
  readonly batchAppend?: boolean;
  readonly version?: string;
  /** Cluster members for Gossip.Read; this node alone, as leader, by default. */
  readonly members?: () => readonly GossipMember[];
}

export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

/**
 * A test double of an EventStoreDB node's gRPC API, for tests only: the Streams service (Read, Append,
 * BatchAppend, subscriptions to streams and $all with filters, checkpoints and caught-up),
 * ServerFeatures and Gossip, built from the client's own generated definitions, over real HTTP/2 on
 * 127.0.0.1 without TLS. What it does not reproduce is listed in docs/eventstoredb.md.
 */
export class EventStoreDbDouble {
  readonly log: InMemoryLog;
  readonly faults = new FaultInjector();
  /** Where each subscription to $all asked to start, across restarts: evidence of how clients resume. */
  readonly subscriptionStarts: AllStart[] = [];
  readonly host: string;
  private grpc: Server | undefined;
  private grpcPort = 0;
  private readonly proxy = new TcpProxy(() => this.grpcPort);
  private publicPort: number;

  private constructor(private readonly options: EventStoreDbDoubleOptions) {
    this.log = options.log ?? new InMemoryLog();
    this.host = options.host ?? '127.0.0.1';
    this.publicPort = options.port ?? 0;
  }

  static async start(options: EventStoreDbDoubleOptions = {}): Promise<EventStoreDbDouble> {
    const double = new EventStoreDbDouble(options);
    await double.start();
    return double;
  }

  get port(): number {
    return this.publicPort;
  }

  get running(): boolean {
    return this.grpc !== undefined;
  }

  /** How the official client reaches this node: plain text, single node. */
  get connectionString(): string {
    return `esdb://${this.host}:${this.publicPort}?tls=false`;
  }

  async start(): Promise<void> {
    if (this.grpc) return;
    await this.startNode();
    this.publicPort = await this.proxy.listen(this.host, this.publicPort);
  }

  /** The gRPC server behind the proxy, on a port of its own. */
  private async startNode(): Promise<void> {
    const server = new Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
    server.addService(
      StreamsService,
      streamsService({
        log: this.log,
        faults: this.faults,
        subscriptionStarts: this.subscriptionStarts,
        maxAppendSize: this.options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      }),
    );
    server.addService(
      ServerFeaturesService,
      serverFeaturesService({
        version: this.options.version ?? '24.10.0',
        batchAppend: this.options.batchAppend ?? true,
      }),
    );
    server.addService(
      GossipService,
      gossipService(
        this.options.members ??
          (() => [{ host: this.host, port: this.publicPort, state: 'leader' }]),
      ),
    );
    this.grpcPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.grpc = server;
  }

  /** Closes the port and every connection; the log survives, what a node keeps in memory does not. */
  async stop(): Promise<void> {
    await this.proxy.close();
    this.stopNode();
  }

  /**
   * Stops the node and starts it again on the same port. The port stays bound throughout: released
   * between the two, it was once taken by another test's server (EADDRINUSE). While the node is down,
   * a connection to it is accepted and closed at once.
   */
  async restart(): Promise<void> {
    this.proxy.dropConnections();
    this.stopNode();
    await this.startNode();
  }

  private stopNode(): void {
    const server = this.grpc;
    this.grpc = undefined;
    this.grpcPort = 0;
    server?.forceShutdown();
    this.log.forgetRecentIds();
  }

  /** Resets every open connection; the node keeps listening, as after a network blip. */
  dropConnections(): void {
    this.proxy.dropConnections();
  }
}
