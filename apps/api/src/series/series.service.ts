import type { Clock } from '@entente/common';
import {
  balanceOf,
  bucketOf,
  conflictOf,
  cooperationOf,
  emptyFigures,
  type SeriesFigures,
} from '@entente/domain';
import { DyadSeriesQueries, ACTOR_REGISTRY, DYAD_SERIES } from '@entente/projections';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../common/clock.providers';
import { ReadConsistency } from '../projections/read-consistency';
import { KnownActors } from '../relations/known-actors';
import { knowledgeLimits } from '../common/knowledge-limits';
import { bucketRange, bucketsOf, previousRange, seriesHref } from './series-range';
import type { SeriesQueryDto, TopOrder, TopQueryDto } from './series.query';
import { figuresView, type SeriesRow } from './series.views';

@Injectable()
export class SeriesService {
  constructor(
    private readonly series: DyadSeriesQueries,
    private readonly consistency: ReadConsistency,
    private readonly actors: KnownActors,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A dyad's series, both directions side by side, bucket by bucket (empty buckets included). */
  async dyad(actor: string, target: string, query: SeriesQueryDto) {
    const now = this.clock.now();
    const grain = query.bucket ?? 'month';
    const scale = query.scale ?? 'icews';
    const { limits, view } = knowledgeLimits(query, now);
    await this.consistency.ensureCurrent(ACTOR_REGISTRY, DYAD_SERIES);
    this.actors.assertKnown(actor, target);
    const forward = { actor, target };
    const reverse = { actor: target, target: actor };
    const extents = [this.series.extent(forward, grain), this.series.extent(reverse, grain)].filter(
      (e) => e !== null,
    );
    const current = bucketOf(grain, now.getTime());
    const range = bucketRange(grain, query, {
      first: Math.min(...extents.map((e) => e.first), current),
      last: extents.length > 0 ? Math.max(...extents.map((e) => e.last)) : current,
    });
    const ahead = this.series.series(forward, range, limits);
    const back = this.series.series(reverse, range, limits);
    const world = query.normalise === 'total' ? this.series.series(null, range, limits) : null;
    const buckets = bucketsOf(range).map(({ bucket, label, start, end }) => {
      const volume = world ? (world.get(bucket)?.total ?? 0) : undefined;
      const figures = (series: Map<number, SeriesFigures>) =>
        figuresView(series.get(bucket) ?? emptyFigures(), scale, volume);
      return { bucket: label, start, end, forward: figures(ahead), reverse: figures(back) };
    });
    return {
      actor,
      target,
      bucket: grain,
      scale,
      normalise: query.normalise ?? 'none',
      from: new Date(range.fromMs).toISOString(),
      to: new Date(range.toMs).toISOString(),
      ...view,
      buckets,
    };
  }

  /** Rows of the series export: each bucket of the forward direction, then of the reverse beside it. */
  *rows(answer: Awaited<ReturnType<SeriesService['dyad']>>): Generator<SeriesRow> {
    for (const b of answer.buckets) {
      const at = { bucket: b.bucket, start: b.start, end: b.end };
      yield { ...at, actor: answer.actor, target: answer.target, figures: b.forward };
      yield { ...at, actor: answer.target, target: answer.actor, figures: b.reverse };
    }
  }

  /** The dyads that moved most over a window of buckets (default: the bucket holding now). */
  async top(query: TopQueryDto) {
    const now = this.clock.now();
    const grain = query.bucket ?? 'month';
    const scale = query.scale ?? 'icews';
    const by: TopOrder = query.by ?? 'conflict';
    const { limits, view } = knowledgeLimits(query, now);
    const current = bucketOf(grain, now.getTime());
    const range = bucketRange(grain, query, { first: current, last: current });
    await this.consistency.ensureCurrent(DYAD_SERIES);
    const totals = this.series.totals(range, limits);
    const before = by === 'change' ? this.series.totals(previousRange(range), limits) : null;
    const names = new Set([...totals.keys(), ...(before?.keys() ?? [])]);
    const ranked = [...names]
      .map((name) => {
        const figures = totals.get(name) ?? emptyFigures();
        const previous = before ? (before.get(name) ?? emptyFigures()) : null;
        return { name, figures, previous, order: orderOf(by, figures, previous, scale) };
      })
      .sort(
        (a, b) =>
          b.order[0] - a.order[0] || b.order[1] - a.order[1] || a.name.localeCompare(b.name),
      )
      .slice(0, query.limit ?? 20);
    return {
      bucket: grain,
      by,
      scale,
      from: new Date(range.fromMs).toISOString(),
      to: new Date(range.toMs).toISOString(),
      ...view,
      dyads: ranked.map(({ name, figures, previous }, i) => {
        const [actor, target] = name.split('>');
        const change = previous && {
          balance: balanceOf(figures) - balanceOf(previous),
          direction: directionOf(balanceOf(figures) - balanceOf(previous)),
        };
        return {
          rank: i + 1,
          actor,
          target,
          ...figuresView(figures, scale),
          ...(previous && { previous: figuresView(previous, scale), change }),
          series: seriesHref({ actor, target }, range, query, view),
        };
      }),
    };
  }
}

/** What ranks first: the larger first number, then the larger second. */
function orderOf(
  by: TopOrder,
  figures: SeriesFigures,
  previous: SeriesFigures | null,
  scale: 'icews' | 'gdelt',
): [number, number] {
  switch (by) {
    case 'conflict':
      return [conflictOf(figures), -figures.sum[scale]];
    case 'cooperation':
      return [cooperationOf(figures), figures.sum[scale]];
    case 'volume':
      return [figures.total, 0];
    case 'change': {
      const change = balanceOf(figures) - balanceOf(previous ?? emptyFigures());
      return [Math.abs(change), -change];
    }
  }
}

function directionOf(change: number): 'deteriorated' | 'improved' | 'unchanged' {
  return change < 0 ? 'deteriorated' : change > 0 ? 'improved' : 'unchanged';
}
