import type { EventStore } from '@entente/event-store';
import { openReadModelFile, ProjectionManager, READ_MODELS } from '@entente/projections';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../../../api/src/config/app-config';

export interface CatchUp {
  readonly position: number;
  readonly seconds: number;
}

const WAIT_SLICE_MS = 1_000;

/**
 * Brings the read models in DATA_DIR up to the store's head, as the server would on its next start, so
 * that an imported directory answers at once. They are opened as the API opens them.
 */
export async function catchUpReadModels(
  config: AppConfig,
  store: EventStore,
  onWait?: (position: number, head: number) => void,
): Promise<CatchUp> {
  const started = Date.now();
  const db = openReadModelFile(config.readModelFile);
  const manager = new ProjectionManager(store, db, READ_MODELS, new Logger('Projections'));
  try {
    manager.start();
    const head = await store.headPosition();
    while (!(await manager.waitFor(head, WAIT_SLICE_MS))) {
      const failed = manager.statuses().find((s) => s.state === 'failed');
      if (failed) {
        throw new Error(
          `read model ${failed.name} stopped at ${failed.position}: ${failed.failure?.reason}`,
        );
      }
      onWait?.(Math.min(...manager.statuses().map((s) => s.position)), head);
    }
    return { position: head, seconds: (Date.now() - started) / 1000 };
  } finally {
    manager.stop();
    db.close();
  }
}
