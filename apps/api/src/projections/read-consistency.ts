import { ProjectionManager } from '@entente/projections';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';

const WAIT_MS = 5_000;

/**
 * Read-your-writes within this process: a read waits until the read models it reads cover every event
 * this process has acknowledged, so that a client that posted and then asks sees its own fact; a read
 * model catching up a long backlog holds up only the routes that read it.
 */
@Injectable()
export class ReadConsistency {
  private acknowledged = 0;

  constructor(private readonly projections: ProjectionManager) {}

  recorded(position: number): void {
    this.acknowledged = Math.max(this.acknowledged, position);
  }

  /** `readModels`: the names of those the caller reads (RELATION_TIMELINE, ...). */
  async ensureCurrent(...readModels: [string, ...string[]]): Promise<void> {
    if (await this.projections.waitFor(this.acknowledged, WAIT_MS, readModels)) return;
    const failed = this.projections
      .statuses()
      .find((s) => s.state === 'failed' && readModels.includes(s.name));
    throw new ServiceUnavailableException(
      failed
        ? `read model ${failed.name} stopped at position ${failed.position}: ${failed.failure?.reason}`
        : `read models ${readModels.join(', ')} are still catching up with position ${this.acknowledged}; retry shortly`,
    );
  }
}
