import { ProjectionManager } from '@entente/projections';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';

const WAIT_MS = 5_000;

/**
 * Read-your-writes within this process: a read waits until the read models cover every event this process
 * has acknowledged, so that a client that posted and then asks sees its own fact.
 */
@Injectable()
export class ReadConsistency {
  private acknowledged = 0;

  constructor(private readonly projections: ProjectionManager) {}

  recorded(position: number): void {
    this.acknowledged = Math.max(this.acknowledged, position);
  }

  async ensureCurrent(): Promise<void> {
    if (await this.projections.waitFor(this.acknowledged, WAIT_MS)) return;
    const failed = this.projections.statuses().find((s) => s.state === 'failed');
    throw new ServiceUnavailableException(
      failed
        ? `read model ${failed.name} stopped at position ${failed.position}: ${failed.failure?.reason}`
        : `read models are still catching up with position ${this.acknowledged}; retry shortly`,
    );
  }
}
