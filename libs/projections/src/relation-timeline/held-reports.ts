import { packId } from './timeline-codec';
import type { ReportInEffect } from './timeline-placement';
import { reportColumns, reportOfRecord, type TimelineStatements } from './timeline-statements';

/**
 * Reports a pass over the log changed since it last wrote them (null: retracted), in front of the
 * table that holds the others: a report is read from memory if changed, else from the table.
 */
export class HeldReports {
  private readonly changed = new Map<string, ReportInEffect | null>();

  constructor(private readonly sql: TimelineStatements) {}

  get size(): number {
    return this.changed.size;
  }

  get(reportId: string): ReportInEffect | undefined {
    const changed = this.changed.get(reportId);
    if (changed !== undefined) return changed ?? undefined;
    const report = this.sql.reportOf.get(packId(reportId));
    return report && reportOfRecord(report);
  }

  save(reportId: string, report: ReportInEffect): void {
    this.changed.set(reportId, report);
  }

  delete(reportId: string): void {
    this.changed.set(reportId, null);
  }

  /** Writes what changed, in the caller's transaction. */
  write(): void {
    for (const [reportId, report] of this.changed) {
      if (report) this.sql.insertReport.run(packId(reportId), ...reportColumns(report));
      else this.sql.deleteReport.run(packId(reportId));
    }
    this.changed.clear();
  }
}
