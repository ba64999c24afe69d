import type { KeyInMemory } from './memory-timeline-store';
import type { KnownSince, Versioned } from './timeline-model';
import { factRecord, type FactRecord } from './timeline-records';
import type { TimelineParts } from './relation-timeline.writer';

/**
 * Writes what one key in memory owes the tables, in the caller's transaction: ends of the versions the
 * tables hold first, then every version begun since (those ended since go in already closed), in the
 * key's order, so that its rows go into the B-tree one after another. A rebuild takes the facts'
 * positions (`positionsLater`) to write them in position order once every key is written.
 */
export function writeKey(
  { store, sql, conditions }: TimelineParts,
  key: KeyInMemory,
  positionsLater?: (fact: FactRecord) => void,
): void {
  const keyId = key.keyId;
  const { ended, endedStored, factsRemoved } = key;
  for (const { version, at } of endedStored.rows) store.closeRow(keyId, version, at);
  for (const { version, at } of endedStored.anomalies) store.closeAnomaly(keyId, version, at);
  for (const fact of factsRemoved) sql.deleteFact(keyId, fact.startMs, fact.position);
  const current = key.unwritten;
  const rows = [...ended.rows, ...current.rows.map((version) => ({ version, ended: null }))].sort(
    (a, b) =>
      a.version.validFrom - b.version.validFrom || a.version.recordedFrom - b.version.recordedFrom,
  );
  for (const { version, ended: end } of rows)
    store.insertRow(keyId, version, sinceOf(version), end);
  for (const { version, ended: end } of [
    ...ended.anomalies,
    ...current.anomalies.map((version) => ({ version, ended: null })),
  ]) {
    store.insertAnomaly(keyId, version, sinceOf(version), end);
  }
  for (const fact of current.facts) {
    const record = factRecord(keyId, fact, conditions);
    if (!positionsLater) {
      sql.insertFact(record);
      continue;
    }
    sql.insertFactAlone.run(record);
    positionsLater(record);
  }
  if (key.orderChanged) store.saveOrder(keyId, key.order);
  key.written();
}

function sinceOf(version: Versioned): KnownSince {
  return { recordMs: version.recordedFrom, reportMs: version.reportedFrom };
}
