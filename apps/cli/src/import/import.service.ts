import { systemClock } from '@entente/common';
import {
  DryRunSink,
  HttpSink,
  RecorderSink,
  SkipReport,
  inputEntries,
  runImport,
  type FactSink,
} from '@entente/importers';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppConfig } from '../../../api/src/config/app-config';
import { recordingFor } from '../store/recorder.factory';
import { openStoreExclusively, type OpenedStore } from '../store/store-access';
import { ImportProgress } from './import-progress';
import type { ImportRequest } from './import-request';
import { summaryJson, summaryText } from './import-summary';
import { catchUpReadModels, type CatchUp } from './read-models.catch-up';

export interface ImportStreams {
  readonly stdin: Readable;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
}

/**
 * Runs one import: opens the sink the request names (the configured store, a server, or a dry run),
 * streams the files through the importers, then brings an embedded store's read models up to date.
 * Resolves to the exit code: 1 when any row failed for a reason other than being out of scope.
 */
@Injectable()
export class ImportService {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async run(request: ImportRequest, io: ImportStreams): Promise<number> {
    const started = Date.now();
    for (const file of request.files) if (file !== '-') await stat(file);
    const opened = this.openSink(request);
    const report = request.report ? new SkipReport(request.report) : null;
    const progress =
      request.progress && io.stderr.isTTY
        ? new ImportProgress(await totalBytes(request.files), io.stderr)
        : null;
    let readModels: CatchUp | null = null;
    try {
      const tally = await runImport({
        format: request.format,
        dataset: request.dataset,
        entries: inputEntries(request.files, io.stdin),
        sink: opened.sink,
        batchSize: request.batchSize,
        onSkip: report ? (origin, reason, detail) => report.add(origin, reason, detail) : undefined,
        onProgress: progress ? (t, entry) => progress.update(t, entry) : undefined,
      });
      if (opened.store?.embedded) {
        progress?.message('read models catching up |');
        readModels = await catchUpReadModels(this.config, opened.store.store);
      }
      progress?.stop();
      const summary = {
        format: request.format,
        files: request.files,
        target: opened.target,
        dryRun: request.dryRun,
        seconds: (Date.now() - started) / 1000,
        tally,
        readModels,
      };
      io.stdout.write(request.json ? summaryJson(summary) : summaryText(summary));
      return tally.failed > 0 ? 1 : 0;
    } finally {
      progress?.stop();
      await report?.close();
      await opened.store?.close();
    }
  }

  private openSink(request: ImportRequest): {
    sink: FactSink;
    target: string;
    store: OpenedStore | null;
  } {
    if (request.dryRun)
      return { sink: new DryRunSink(() => new Date()), target: 'nothing (dry run)', store: null };
    if (request.api && request.key) {
      return {
        sink: new HttpSink({ api: request.api, key: request.key }),
        target: request.api,
        store: null,
      };
    }
    const store = openStoreExclusively(
      this.config,
      systemClock,
      `npm run import (pid ${process.pid})`,
    );
    try {
      const recording = recordingFor(store.store, systemClock, this.config.dataDir);
      const { recorder, actors } = recording;
      const meta = { recordedBy: request.recordedBy, correlationId: randomUUID() };
      return {
        sink: new RecorderSink(recorder, actors, meta),
        target: store.embedded ? this.config.eventStoreFile : 'EventStoreDB',
        store: { ...store, close: async () => (recording.close(), store.close()) },
      };
    } catch (error) {
      void store.close();
      throw error;
    }
  }
}

async function totalBytes(files: readonly string[]): Promise<number | null> {
  let total = 0;
  for (const file of files) {
    if (file === '-') return null;
    total += (await stat(file)).size;
  }
  return total;
}
