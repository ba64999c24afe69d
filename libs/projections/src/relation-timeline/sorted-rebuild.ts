import type { SqliteDatabase } from '@entente/event-store';
import {
  CatchUpRefused,
  CatchUpStopped,
  type CatchUpRun,
  type TableNamer,
} from '../runner/projection';
import { refoldKey, type KeyRefold } from './key-refold';
import { writeKey } from './key-write';
import { KeyInMemory, Residency } from './memory-timeline-store';
import { RebuildPlacement, type KeyStep } from './rebuild-placement';
import { RebuildScratch } from './rebuild-scratch';
import { changeRow, type TimelineParts } from './relation-timeline.writer';
import { isHandled, nextTurn, ONE_PASS_PAGE } from './timeline-catch-up';
import { packId } from './timeline-codec';
import { knownSince, placeEvent, timelineData } from './timeline-placement';
import type { ReportVersion } from './timeline-model';
import { versionRecord, type FactRecord } from './timeline-records';

/** Reports kept in memory between two flushes to their table. */
const HELD_REPORTS = 2_000;
/** Steps folded per transaction of the second half at most. */
const FOLD_PAGE = 1_000;
/** About how long a transaction of the second half folds, before its commit and a turn of the event loop. */
const FOLD_SLICE_MS = 15;
/** Keys per partition of the steps: a quarter of 128 cut the event-loop stalls over 25 ms of a 1,000,000-event rebuild from 238 to 114. */
const KEYS_PER_PART = 32;
/** Positions per partition of the change feed, put in position order at the end. */
const POSITIONS_PER_PART = 2_000;

const STEP_COLUMNS = '(family INTEGER, seq INTEGER, key_id INTEGER, body TEXT)';

interface SpilledStep {
  readonly family: number;
  readonly key_id: number;
  readonly body: string;
}

const UNORDERED = { reportedUntil: null, unorderedFrom: null } as const;

/**
 * A rebuild from zero that is not a replay. The log is read once and every event placed, in log order
 * (ids, reports and which keys hold which facts come out as the incremental writer gives them); what it
 * does to each key goes to scratch tables on disk, by ranges of keys. Each range is then sorted by key,
 * and each key folded once, alone in memory, through the same refold as the incremental writer; its row
 * versions are written once, in key order, and the change feed, set aside by ranges of positions, goes
 * in in position order at the end: no version is written and closed again, no B-tree page rewritten by
 * commit after commit, and memory holds one key (and its curated view) at a time, however long the log.
 *
 * Nothing of it counts until the last transaction, which saves the checkpoint: a crash or a stop before
 * leaves the generation at position 0, and the next rebuild starts over on empty tables.
 */
export class TimelineSortedRebuild {
  private lastRecordMs = -Infinity;
  private scratch: RebuildScratch | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly t: TableNamer,
    private readonly parts: TimelineParts,
  ) {}

  async run(run: CatchUpRun): Promise<void> {
    this.scratch = new RebuildScratch(this.db, this.t(''));
    try {
      const placement = await this.place(run);
      await this.fold(run);
      await this.feed(run, placement);
    } finally {
      this.scratch.close();
      this.scratch = null;
    }
  }

  /** The first half: every event placed in log order, its steps put aside by range of keys. */
  private async place(run: CatchUpRun): Promise<RebuildPlacement> {
    const scratch = this.scratch!;
    const placement = new RebuildPlacement(this.parts);
    const flushEvery = Math.min(HELD_REPORTS, Math.max(run.commitEvery, 1));
    const maxCount = Math.min(ONE_PASS_PAGE, Math.max(run.commitEvery, 1));
    for (let from = run.from; from < run.to;) {
      const page = (await run.store.readAll({ from, maxCount })).filter(
        (event) => event.position <= run.to,
      );
      if (page.length === 0) break;
      this.db.transaction(() => {
        for (const event of page) {
          if (!isHandled(event.type)) continue;
          try {
            this.lastRecordMs = Math.max(this.lastRecordMs, Date.parse(event.metadata.recordedAt));
            const data = timelineData(event);
            const at = knownSince(event, data, this.lastRecordMs);
            placement.begin(event, at);
            const steps = placement.finish(placeEvent(event, data, at, placement));
            for (const [keyId, step] of steps) {
              const family = placement.familyOf(keyId);
              const part = Math.floor(family / KEYS_PER_PART);
              scratch.insert('steps', part, STEP_COLUMNS, [
                family,
                step.s,
                keyId,
                JSON.stringify(step),
              ]);
            }
          } catch (error) {
            throw new CatchUpRefused(event, error instanceof Error ? error.message : String(error));
          }
        }
        if (placement.heldReports >= flushEvery) placement.flushReports();
      })();
      from = page.at(-1)!.position;
      run.progressed?.(from);
      if (run.stopping()) throw new CatchUpStopped();
      await nextTurn();
    }
    return placement;
  }

  /** The second half: each range of keys sorted, each key folded once and written in key order. */
  private async fold(run: CatchUpRun): Promise<void> {
    const scratch = this.scratch!;
    const pageSize = Math.min(FOLD_PAGE, Math.max(run.commitEvery, 1));
    let family: FamilyFold | null = null;
    for (const part of await scratch.parts('steps')) {
      const steps = this.db
        .prepare<[], SpilledStep>(
          `SELECT family, key_id, body FROM ${scratch.table('steps', part)}
           ORDER BY family, seq, key_id`,
        )
        .all();
      // Nothing is read back from the tables while folding: a key's steps may span transactions.
      for (let next = 0; next < steps.length;) {
        this.db.transaction(() => {
          const end = Math.min(next + pageSize, steps.length);
          // A busy key's refolds cost more than most: the stretch ends on time too, for HTTP's sake.
          const deadline = performance.now() + FOLD_SLICE_MS;
          for (; next < end && performance.now() < deadline; next++) {
            const spilled = steps[next];
            if (family?.keyId !== spilled.family) {
              family?.write();
              family = new FamilyFold(
                spilled.family,
                this.parts,
                (step, keyId, refold) => this.feedChange(step, keyId, refold),
                (fact) => this.keepPosition(fact),
              );
            }
            family.apply(spilled.key_id, JSON.parse(spilled.body) as KeyStep);
          }
        })();
        if (run.stopping()) throw new CatchUpStopped();
        await nextTurn();
      }
    }
    const last = family as FamilyFold | null;
    if (last) this.db.transaction(() => last.write())();
  }

  /**
   * The facts' positions and the change feed in position order, the reports left, the clock and the
   * checkpoint: then it counts.
   */
  private async feed(run: CatchUpRun, placement: RebuildPlacement): Promise<void> {
    const scratch = this.scratch!;
    for (const part of await scratch.parts('fact_positions')) {
      this.db.exec(
        `INSERT INTO ${this.t('fact_positions')}
         SELECT * FROM ${scratch.table('fact_positions', part)} ORDER BY position, key_id, start_ms`,
      );
      if (run.stopping()) throw new CatchUpStopped();
      await nextTurn();
    }
    for (const part of await scratch.parts('changes')) {
      this.db.exec(
        `INSERT INTO ${this.t('changes')}
         SELECT * FROM ${scratch.table('changes', part)} ORDER BY position, key_id`,
      );
      if (run.stopping()) throw new CatchUpStopped();
      await nextTurn();
    }
    this.db.transaction(() => {
      placement.flushReports();
      if (this.lastRecordMs > -Infinity) this.parts.sql.saveRecordTime.run(this.lastRecordMs);
      run.saveCheckpoint(run.to);
    })();
    run.committed(run.to);
  }

  /** A fact's position, put aside by range of positions. */
  private keepPosition(fact: FactRecord): void {
    const part = Math.floor(fact.position / POSITIONS_PER_PART);
    this.scratch!.insert(
      'fact_positions',
      part,
      `AS SELECT * FROM ${this.t('fact_positions')} LIMIT 0`,
      [fact.position, fact.key_id, fact.start_ms],
    );
  }

  /** A change of view 0 for the feed, put aside by range of positions. */
  private feedChange(step: KeyStep, keyId: number, refold: KeyRefold): void {
    const row = changeRow(this.parts, step.p, keyId, packId(step.e), refold);
    const part = Math.floor(step.p / POSITIONS_PER_PART);
    this.scratch!.insert('changes', part, `AS SELECT * FROM ${this.t('changes')} LIMIT 0`, row);
  }
}

/**
 * One key and its curated view, folded from their steps in order. The view began as a copy of the key:
 * it is folded from the key's steps before it was opened, then from its own.
 */
class FamilyFold {
  private readonly residency = new Residency();
  private readonly key: KeyInMemory;
  private view: KeyInMemory | null = null;
  /** The key's steps so far, for a view opened later. */
  private readonly own: KeyStep[] = [];
  private readonly versions: ReportVersion[] = [];

  constructor(
    readonly keyId: number,
    private readonly parts: TimelineParts,
    private readonly feed: (step: KeyStep, keyId: number, refold: KeyRefold) => void,
    private readonly positionsLater: (fact: FactRecord) => void,
  ) {
    this.key = new KeyInMemory(keyId, null, UNORDERED, this.residency);
  }

  apply(keyId: number, step: KeyStep): void {
    if (keyId === this.keyId) {
      this.own.push(step);
      this.keep(step);
      this.applyTo(this.key, step, true);
      return;
    }
    if (!this.view) {
      if (step.c !== this.keyId) throw new Error(`key ${keyId} has steps before its copy`);
      this.view = new KeyInMemory(keyId, null, UNORDERED, this.residency);
      for (const earlier of this.own)
        if (earlier.s < step.s) this.applyTo(this.view, earlier, false);
    }
    this.applyTo(this.view, step, false);
  }

  /** Writes both, in the caller's transaction. */
  write(): void {
    writeKey(this.parts, this.key, this.positionsLater);
    if (this.view) writeKey(this.parts, this.view, this.positionsLater);
    const { sql, conditions } = this.parts;
    for (const version of this.versions) {
      sql.insertVersion.run(versionRecord(this.keyId, version, conditions));
    }
  }

  /** The key's versions of reports; a curated view has none of its own. */
  private keep(step: KeyStep): void {
    if (!step.v) return;
    const [report, retraction, machineCoded] = step.v;
    this.versions.push({
      position: step.p,
      report,
      at: { recordMs: step.r, reportMs: step.q },
      retraction: retraction === 1,
      // A retraction adds no fact: `f` holds the version's, if it has one here.
      fact: step.f?.[0] ?? null,
      machineCoded: machineCoded === 1,
    });
  }

  /** One event's step on one key, as the incremental writer applies it. */
  private applyTo(key: KeyInMemory, step: KeyStep, feed: boolean): void {
    if (step.u !== undefined) key.unorder(step.u);
    if (step.x !== undefined) key.removeFactsAt(step.x);
    for (const fact of step.f ?? []) key.addFact(fact);
    if (!step.pl) return;
    const [fromMs, toMs, appended] = step.pl;
    const keyId = key.keyId;
    const at = key.placed(keyId, { recordMs: step.r, reportMs: step.q });
    const added = appended === 1 ? step.f![0] : null;
    const refold = refoldKey(key, this.parts.store.lists, { keyId, fromMs, toMs, added }, at);
    // Live followers hear of view 0 alone: every fact, by record time.
    if (feed && refold.changedFrom !== null) this.feed(step, keyId, refold);
  }
}
