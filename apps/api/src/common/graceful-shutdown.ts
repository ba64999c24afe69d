import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { LiveFeed } from '../live/live-feed.service';

const DRAIN_MS = 10_000;

/**
 * The first step of shutting down, before any module lets go of the store or the read models: stop
 * accepting connections, tell live followers, and let the requests in flight finish.
 */
@Injectable()
export class GracefulShutdown implements OnModuleDestroy {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly live: LiveFeed,
  ) {}

  async onModuleDestroy(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) {
      this.live.closeAll('shutdown');
      return;
    }
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    this.live.closeAll('shutdown');
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), DRAIN_MS);
    });
    if ((await Promise.race([drained, timedOut])) === 'timeout') {
      this.logger.warn(`requests still running after ${DRAIN_MS} ms were cut off`);
      server.closeAllConnections();
    }
    clearTimeout(timer);
  }
}
