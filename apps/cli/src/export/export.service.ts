import { systemClock } from '@entente/common';
import { isReportType } from '@entente/domain';
import type { EventStore, RecordedEvent } from '@entente/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { once } from 'node:events';
import { AppConfig } from '../../../api/src/config/app-config';
import { eventView } from '../../../api/src/events/event.view';
import { openStoreExclusively } from '../store/store-access';

const PAGE = 1_000;
const AMENDMENT_TYPES = ['EventRetracted', 'EventCorrected'];

/**
 * `npm run export`: the configured store as the `entente` NDJSON format, every stored event in log order,
 * each line as `GET /v1/events/{eventId}` answers it (a report with its amendments). Memory holds one page
 * and the amendments, which are few: a first pass collects them by the report they amend.
 */
@Injectable()
export class ExportService {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async run(out: NodeJS.WritableStream): Promise<number> {
    const opened = openStoreExclusively(
      this.config,
      systemClock,
      `npm run export (pid ${process.pid})`,
    );
    try {
      const amendments = await amendmentsByReport(opened.store);
      let lines = 0;
      for await (const event of everyEvent(opened.store)) {
        const line = {
          ...eventView(event),
          amendments: isReportType(event.type)
            ? (amendments.get(event.eventId) ?? []).map(eventView)
            : [],
        };
        if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
        lines++;
      }
      return lines;
    } finally {
      await opened.close();
    }
  }
}

async function* everyEvent(
  store: EventStore,
  types?: readonly string[],
): AsyncGenerator<RecordedEvent> {
  for (let from = 0; ;) {
    const page = await store.readAll({
      from,
      maxCount: PAGE,
      filter: types ? { types } : undefined,
    });
    yield* page;
    if (page.length < PAGE) return;
    from = page[page.length - 1].position;
  }
}

async function amendmentsByReport(store: EventStore): Promise<Map<string, RecordedEvent[]>> {
  const byReport = new Map<string, RecordedEvent[]>();
  for await (const event of everyEvent(store, AMENDMENT_TYPES)) {
    const data = event.data as { retracts?: string; corrects?: string };
    const report = data.retracts ?? data.corrects;
    if (report) byReport.set(report, [...(byReport.get(report) ?? []), event]);
  }
  return byReport;
}
