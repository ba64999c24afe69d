import { isReportType, type RelationKey } from '@entente/domain';
import type { RecordedEvent, SqliteDatabase, SqliteStatement } from '@entente/event-store';
import {
  CatchUpRefused,
  CatchUpStopped,
  type CatchUpRun,
  type TableNamer,
} from '../runner/projection';
import { refoldKey, type KeyRefold } from './key-refold';
import { HeldReports } from './held-reports';
import { sqlKeyTables, type KeyTables } from './key-tables';
import { writeKey } from './key-write';
import { KeyInMemory, Residency } from './memory-timeline-store';
import { packId } from './timeline-codec';
import { ALL_FACTS_BY_RECORD_TIME, CURATED_BY_RECORD_TIME } from './timeline-dictionaries';
import type { KnownSince, ReportVersion, TimelineFact, TimelineStore } from './timeline-model';
import {
  knownSince,
  placeEvent,
  timelineData,
  type PlacementStore,
  type ReportInEffect,
} from './timeline-placement';
import { insertChange, type TimelineParts } from './relation-timeline.writer';
import { versionRecord } from './timeline-records';

/**
 * Events read and applied per page of the log. The catch-up runs on the thread that answers HTTP: it
 * yields after every page, so that a page is what a request may have to wait for (a few ms).
 */
export const ONE_PASS_PAGE = 200;
/**
 * About how many writes a commit makes at most, however many events they come from (a retraction on a
 * busy key may rewrite hundreds of rows). A commit is one synchronous transaction, about 20 µs a write
 * on the bench's machine: this bounds it to a few hundred ms. Smaller commits cost throughput, since
 * each rewrites the index pages it touches (at 1,000 events a commit, a rebuild ran 25% slower).
 */
const COMMIT_WRITES = 10_000;
/** Row versions, facts and anomalies kept in memory across commits, for the keys used most recently. */
const RESIDENT_VERSIONS = 200_000;

interface PendingChange {
  readonly position: number;
  readonly keyId: number;
  readonly eventId: string;
  readonly refold: KeyRefold;
}

/**
 * A catch-up over a long stretch of the log onto tables that already hold its beginning (a restart after
 * an import; from zero, TimelineSortedRebuild does better), not a replay of the incremental writer: the log is
 * read once, in order, and each event folded onto its keys held in memory, through the same placement
 * and refold as the incremental writer, so that the tables come out the same, row for row. Nothing is
 * read back from the tables for a key in memory, and a row version that begins and ends between two
 * commits is written once, already closed (or not at all, when it begins and ends at one record time).
 *
 * Every so many events (run.commitEvery), one transaction writes what the keys changed and moves the
 * checkpoint, so that a crash resumes from there like any catch-up; a commit also comes early when the
 * keys in memory hold more than RESIDENT_VERSIONS items, since a long history would otherwise fill memory
 * between two commits (2.7 GB at 1,000,000 events). After a commit memory keeps the keys used most
 * recently, up to half of that; the others are read again from the tables if met again, as far as the
 * refold asks (for most events, the last row alone).
 */
export class TimelineCatchUp implements TimelineStore {
  /** Keys in memory, least recently used first. */
  private readonly resident = new Map<number, KeyInMemory>();
  private readonly residency = new Residency();
  private readonly changed = new Set<KeyInMemory>();
  /** Reports changed since the last commit (null: retracted), and which keys hold each one's facts. */
  private readonly reports: HeldReports;
  private readonly factKeys = new Map<number, number[]>();
  private changes: PendingChange[] = [];
  /** Versions of reports placed since the last commit, written with it. */
  private versions: { readonly keyId: number; readonly version: ReportVersion }[] = [];
  /** Rows were copied in the tables since the last commit (a curated view opened): commit with them. */
  private copied = false;
  private lastRecordMs: number;
  /** Keys with a higher id are new to the tables since the last commit: nothing to read of them. */
  private storedKeys: number;
  private readonly lastKeyId: SqliteStatement<[], number>;
  private readonly placement: PlacementStore;
  private readonly tables: KeyTables;

  constructor(
    private readonly db: SqliteDatabase,
    t: TableNamer,
    private readonly parts: TimelineParts,
  ) {
    this.lastRecordMs = parts.sql.lastRecordTime.get() ?? -Infinity;
    this.lastKeyId = db
      .prepare<[], number>(`SELECT coalesce(max(key_id), 0) FROM ${t('keys')}`)
      .pluck();
    this.storedKeys = this.lastKeyId.get()!;
    this.reports = new HeldReports(parts.sql);
    this.placement = this.memoryPlacement();
    this.tables = sqlKeyTables(db, t, parts);
  }

  async run(run: CatchUpRun): Promise<void> {
    let uncommitted = 0;
    const budget = run.memoryBudget ?? RESIDENT_VERSIONS;
    for (let from = run.from; from < run.to;) {
      const maxCount = Math.min(ONE_PASS_PAGE, run.commitEvery);
      const page = (await run.store.readAll({ from, maxCount })).filter(
        (event) => event.position <= run.to,
      );
      const last = page.at(-1)?.position ?? run.to;
      const position = page.length === 0 ? run.to : last;
      uncommitted += page.length;
      let committed = false;
      // Ids of new keys and conditions are given here, in log order, as the incremental writer gives them.
      this.db.transaction(() => {
        this.applyPage(page);
        // Rows copied in the tables (a curated view opened) go with the checkpoint that covers them.
        if (this.copied) committed = this.commit(run, position);
      })();
      from = last;
      // Keys changed since the last commit cannot be let go: past the budget, commit early instead,
      // so that memory follows the budget and not the history's size.
      const due =
        uncommitted >= run.commitEvery ||
        this.residency.owed + this.changes.length + this.reports.size + this.versions.length >=
          COMMIT_WRITES ||
        this.residency.held > budget ||
        last >= run.to ||
        page.length === 0;
      if (due && !committed) {
        // A turn of the event loop between the page and the commit: each is a bounded stretch.
        await nextTurn();
        committed = this.db.transaction(() => this.commit(run, position))();
      }
      if (committed) {
        uncommitted = 0;
        this.evict(budget);
        run.committed(from);
        if (run.stopping() && from < run.to) throw new CatchUpStopped();
      }
      await nextTurn();
    }
  }

  private applyPage(page: readonly RecordedEvent[]): void {
    for (const event of page) {
      if (!isHandled(event.type)) continue;
      try {
        this.applyEvent(event);
      } catch (error) {
        throw new CatchUpRefused(event, error instanceof Error ? error.message : String(error));
      }
    }
  }

  private applyEvent(event: RecordedEvent): void {
    this.lastRecordMs = Math.max(this.lastRecordMs, Date.parse(event.metadata.recordedAt));
    const data = timelineData(event);
    const at = knownSince(event, data, this.lastRecordMs);
    for (const placement of placeEvent(event, data, at, this.placement)) {
      const keyAt = this.placed(placement.keyId, at);
      const refold = refoldKey(this, this.parts.store.lists, placement, keyAt);
      // Live followers hear of view 0 alone: every fact, by record time.
      const view = this.parts.keys.viewOf(placement.keyId);
      if (refold.changedFrom !== null && view === ALL_FACTS_BY_RECORD_TIME) {
        this.changes.push({
          position: event.position,
          keyId: placement.keyId,
          eventId: event.eventId,
          refold,
        });
      }
    }
  }

  /** Writes what changed since the last commit, and the checkpoint, in the caller's transaction. */
  private commit(run: CatchUpRun, position: number): true {
    const { sql } = this.parts;
    for (const key of [...this.changed].sort((a, b) => a.keyId - b.keyId))
      writeKey(this.parts, key);
    this.reports.write();
    this.versions.sort((a, b) => a.keyId - b.keyId || a.version.position - b.version.position);
    for (const { keyId, version } of this.versions) {
      sql.insertVersion.run(versionRecord(keyId, version, this.parts.conditions));
    }
    for (const { position: at, keyId, eventId, refold } of this.changes) {
      insertChange(this.parts, at, keyId, packId(eventId), refold);
    }
    if (this.lastRecordMs > -Infinity) sql.saveRecordTime.run(this.lastRecordMs);
    run.saveCheckpoint(position);
    this.storedKeys = this.lastKeyId.get()!;
    this.changed.clear();
    this.factKeys.clear();
    this.changes = [];
    this.versions = [];
    this.residency.owed = 0;
    this.copied = false;
    return true;
  }

  /** Drops the least recently used keys beyond what memory may hold. */
  private evict(budget: number): void {
    for (const [keyId, key] of this.resident) {
      // Down to half the budget, so that an early commit is not followed by another at the next page.
      if (this.residency.held <= budget / 2) break;
      this.resident.delete(keyId);
      key.evicted();
    }
  }

  /** A key's current timeline in memory, read from the tables the first time it is met. */
  private keyAt(keyId: number): KeyInMemory {
    let key = this.resident.get(keyId);
    if (key) this.resident.delete(keyId);
    else if (keyId > this.storedKeys) key = new KeyInMemory(keyId, null, UNORDERED, this.residency);
    else key = this.load(keyId);
    this.resident.set(keyId, key);
    return key;
  }

  private load(keyId: number): KeyInMemory {
    return new KeyInMemory(keyId, this.tables, this.parts.store.orderOf(keyId), this.residency);
  }

  private changing(keyId: number): KeyInMemory {
    const key = this.keyAt(keyId);
    this.changed.add(key);
    return key;
  }

  /** Facts and reports as this catch-up holds them, and as the tables do where it has not changed them. */
  private memoryPlacement(): PlacementStore {
    const { sql, keys } = this.parts;
    return {
      reportOf: (reportId: string) => this.reports.get(reportId),
      saveReport: (reportId: string, report: ReportInEffect) => this.reports.save(reportId, report),
      deleteReport: (reportId: string) => this.reports.delete(reportId),
      removeFactsAt: (position: number) => {
        const keyIds =
          this.factKeys.get(position) ?? sql.factsAt.all(position).map((f) => f.key_id);
        this.factKeys.set(position, []);
        return keyIds.flatMap((keyId) =>
          this.changing(keyId)
            .removeFactsAt(position)
            .map((fact) => ({ keyId, startMs: fact.startMs })),
        );
      },
      insertFact: (keyId: number, fact: TimelineFact) => {
        // Its conditions get their ids now, in log order, as the incremental writer gives them.
        this.parts.conditions.idsOf(fact.data.conditions);
        this.changing(keyId).addFact(fact);
        const holders = this.factKeys.get(fact.position);
        if (holders) holders.push(keyId);
        else this.factKeys.set(fact.position, [keyId]);
      },
      addVersion: (keyId: number, version: ReportVersion) => {
        this.versions.push({ keyId, version });
      },
      keyIdOf: (key: RelationKey) => keys.idOf(key),
      keyOf: (keyId: number) => keys.keyOf(keyId),
      unorder: (keyId: number, recordMs: number) => this.changing(keyId).unorder(recordMs),
      curatedKeyOf: (key: RelationKey) => keys.find(key, CURATED_BY_RECORD_TIME),
      openCuratedKey: (key: RelationKey) => {
        // The copy is made in the tables, as the incremental writer makes it: what is in memory first.
        const from = keys.idOf(key);
        const held = this.resident.get(from);
        if (held && this.changed.has(held)) writeKey(this.parts, held);
        const to = keys.idOf(key, CURATED_BY_RECORD_TIME);
        sql.copyKey(from, to);
        this.copied = true;
        const copy = this.load(to);
        this.resident.set(to, copy);
        for (const fact of copy.allFacts()) this.factKeys.get(fact.position)?.push(to);
        return to;
      },
    };
  }

  // The refold's view of the keys: each call goes to the key's timeline in memory.
  rowBefore = (keyId: number, ms: number) => this.keyAt(keyId).rowBefore(keyId, ms);
  rowsFrom = (keyId: number, ms: number) => this.keyAt(keyId).rowsFrom(keyId, ms);
  lastRow = (keyId: number) => this.keyAt(keyId).lastRow(keyId);
  rememberLast = () => undefined;
  placed = (keyId: number, at: KnownSince) => this.changing(keyId).placed(keyId, at);
  factGroupsFrom = (keyId: number, ms: number) => this.keyAt(keyId).factGroupsFrom(keyId, ms);
  anomaliesAt = (keyId: number, ms: number, fromSeq: number) =>
    this.keyAt(keyId).anomaliesAt(keyId, ms, fromSeq);
  anomaliesBetween = (keyId: number, afterMs: number, toMs: number) =>
    this.keyAt(keyId).anomaliesBetween(keyId, afterMs, toMs);
  anomalyCount = (keyId: number, ms: number) => this.keyAt(keyId).anomalyCount(keyId, ms);
  closeRow: TimelineStore['closeRow'] = (keyId, row, at) =>
    this.changing(keyId).closeRow(keyId, row, at);
  insertRow: TimelineStore['insertRow'] = (keyId, row, at) =>
    this.changing(keyId).insertRow(keyId, row, at);
  closeAnomaly: TimelineStore['closeAnomaly'] = (keyId, anomaly, at) =>
    this.changing(keyId).closeAnomaly(keyId, anomaly, at);
  insertAnomaly: TimelineStore['insertAnomaly'] = (keyId, anomaly, at) =>
    this.changing(keyId).insertAnomaly(keyId, anomaly, at);
}

const UNORDERED = { reportedUntil: null, unorderedFrom: null } as const;

/** Lets the event loop run what waits (HTTP above all) before the next stretch of work. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function isHandled(type: string): boolean {
  return type === 'EventRetracted' || type === 'EventCorrected' || isReportType(type);
}
