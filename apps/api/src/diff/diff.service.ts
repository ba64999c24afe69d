import type { Clock } from '@entente/common';
import { relationDiff, type DiffEntry, type FactInEffect } from '@entente/domain';
import { EventIndexQueries, ACTOR_REGISTRY, EVENT_INDEX } from '@entente/projections';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../common/clock.providers';
import {
  knowledgeAt,
  knowledgePoint,
  knowledgeView,
  type KnowledgePoint,
} from '../common/knowledge-query';
import { iso } from '../common/time-query';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from '../relations/known-actors';
import type { DiffQueryDto } from './diff.query';

export interface DiffRow {
  readonly channel: string;
  readonly entry: ReturnType<typeof entryView>;
}

/** The state of each channel of a pair on two sides, and the facts that make the difference. */
@Injectable()
export class DiffService {
  constructor(
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async diff(actor: string, target: string, query: DiffQueryDto) {
    const now = this.clock.now();
    const a = knowledgePoint(query, now);
    const b = knowledgePoint(
      {
        at: query.vs ?? query.at,
        knownAt: query.vsKnownAt ?? query.knownAt,
        reportedBy: query.vsReportedBy ?? query.reportedBy,
        evidence: query.evidence,
      },
      now,
    );
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, EVENT_INDEX);
    this.actors.assertKnown(actor, target);
    const channels = query.channel ? [query.channel] : this.index.channelsOf(actor, target);
    return {
      actor,
      target,
      a: sideView(a),
      b: sideView(b),
      channels: channels.map((channel) => {
        const key = { actor, target, channel };
        const diff = relationDiff(
          this.index.factsOf(actor, target, channel),
          key,
          { at: new Date(a.at), knowledge: knowledgeAt(a) },
          { at: new Date(b.at), knowledge: knowledgeAt(b) },
        );
        return {
          channel,
          a: stateView(diff.a),
          b: stateView(diff.b),
          changed: diff.a.status !== diff.b.status || diff.a.since !== diff.b.since,
          facts: diff.facts.map(entryView),
        };
      }),
    };
  }

  *rows(answer: Awaited<ReturnType<DiffService['diff']>>): Generator<DiffRow> {
    for (const channel of answer.channels) {
      for (const entry of channel.facts) yield { channel: channel.channel, entry };
    }
  }
}

function sideView(point: KnowledgePoint) {
  return { at: iso(point.at), ...knowledgeView(point) };
}

function stateView(state: { status: string; since: string | null; basis: readonly string[] }) {
  return { status: state.status, since: state.since, basis: state.basis };
}

function factView(fact: FactInEffect | null) {
  if (!fact) return null;
  return {
    eventId: fact.eventId,
    type: fact.type,
    occurredAt: fact.data.occurredAt,
    summary: fact.data.summary,
    conditions: fact.data.conditions,
    evidence: fact.data.evidence,
    sources: fact.data.sources,
    recordedAt: fact.recordedAt,
    recordedBy: fact.recordedBy,
    reportedAt: fact.reportedAt,
  };
}

export function entryView(entry: DiffEntry) {
  return {
    reportId: entry.reportId,
    change: entry.change,
    reason: entry.reason,
    by: entry.by,
    a: factView(entry.a),
    b: factView(entry.b),
  };
}
