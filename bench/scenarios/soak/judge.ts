import type { CaseResult } from '../../harness/types';
import type { SoakLoadResult } from '../../load/soak.child';
import type { FanOutResult } from '../../load/sse-subscribers.child';

/** What a soak samples of the API while it runs. */
/** One reading of the API's resident set, and of its anonymous part. */
export interface RssSample {
  readonly atSeconds: number;
  readonly bytes: number;
  readonly anonBytes: number;
}

/** One reading of the API's runtime figures. */
export interface RuntimeSample {
  readonly heapMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  readonly loopMs: number;
}

export interface Samples {
  readonly rss: readonly RssSample[];
  readonly runtime: readonly RuntimeSample[];
}

/** The highest value and its ratio to the first: how far a series drifted above where it started. */
function drift(series: readonly number[]): { max: number | null; ratio: number | null } {
  if (series.length < 2) return { max: series[0] ?? null, ratio: null };
  const max = Math.max(...series);
  return { max, ratio: max / series[0] };
}

/**
 * The figures of one soak. RSS is taken per window at its highest sample: a garbage-collected heap is a
 * saw tooth, and a single sample would say more about where in a tooth it fell than about a trend.
 */
export function judge(
  sizes: { readonly seconds: number; readonly windowSeconds: number; readonly followers: number },
  sampleEveryMs: number,
  load: SoakLoadResult,
  samples: Samples,
  live: FanOutResult,
  stored: ReadonlySet<string>,
): { values: CaseResult['values']; notes: Record<string, string>; summary: string } {
  const steadyFrom = sizes.seconds / 6;
  const rssWindows: number[] = [];
  for (const { atSeconds, bytes } of samples.rss.filter((x) => x.atSeconds >= steadyFrom)) {
    const i = Math.floor((atSeconds - steadyFrom) / sizes.windowSeconds);
    rssWindows[i] = Math.max(rssWindows[i] ?? 0, bytes / 1e6);
  }
  const rss = drift(rssWindows.filter((x) => x !== undefined));
  const windows = load.windows.filter((w) => w.fromSeconds >= steadyFrom && w.p99 !== null);
  const p99 = drift(windows.map((w) => w.p99!));
  const acked = new Set(load.acks.map((a) => a.eventId));
  const lost = [...acked].filter((id) => !stored.has(id)).length;
  const unacknowledged = [...stored].filter((id) => !acked.has(id)).length;
  const failed = Object.values(load.failures).reduce((a, b) => a + b, 0);
  const notes: Record<string, string> = {
    rss: `highest RSS per ${sizes.windowSeconds} s window from ${steadyFrom} s (MB): ${rssWindows.map((x) => x.toFixed(0)).join(' ')}; of it anonymous, every ${sampleEveryMs / 1000} s: ${samples.rss.map((x) => (x.anonBytes / 1e6).toFixed(0)).join(' ')}`,
    runtime: `V8 heap used / reserved / external (MB), event-loop delay p99 (ms), every ${sampleEveryMs / 1000} s: ${samples.runtime
      .map(
        (r) =>
          `${r.heapMb.toFixed(0)}/${r.heapTotalMb.toFixed(0)}/${r.externalMb.toFixed(0)} ${r.loopMs.toFixed(0)}`,
      )
      .join(' ')}`,
    p99: `p99 per ${sizes.windowSeconds} s window from ${steadyFrom} s (ms): ${windows.map((w) => w.p99!.toFixed(1)).join(' ')}`,
    routes: `p99 by route (ms): ${Object.entries(load.routes)
      .map(([route, r]) => `${route} ${r.p99?.toFixed(1)} (${r.requests})`)
      .join(', ')}`,
  };
  if (failed > 0 || load.skipped > 0) {
    notes.errors = `${JSON.stringify(load.failures)}; ${load.skipped} requests skipped (64 in flight)`;
  }
  if (!load.rebuild) notes.rebuild = 'the rebuild was not acknowledged';
  const summary =
    `${load.requests} requests (${failed} failed, ${load.skipped} skipped), ${load.acks.length} facts ` +
    `acknowledged, ${lost} lost, ${unacknowledged} stored unacknowledged; RSS x${rss.ratio?.toFixed(2)}, ` +
    `p99 x${p99.ratio?.toFixed(2)}; followers: ${live.connected} connected, ${live.dropped} dropped, ` +
    `${live.missing} missing, ${live.duplicates} twice; rebuild ${JSON.stringify(load.rebuild)}`;
  return {
    values: {
      'rss.ratio': rss.ratio,
      'rss.start-mb': rssWindows[0] ?? null,
      'rss.max-mb': rss.max,
      'p99.ratio': p99.ratio,
      'p99.first-ms': windows[0]?.p99 ?? null,
      'p99.max-ms': p99.max,
      errors: failed + load.skipped + (load.rebuild ? 0 : 1),
      lost: lost + unacknowledged,
      'live.missing': live.missing + (sizes.followers - live.connected) * load.acks.length,
      'live.duplicates': live.duplicates,
      requests: load.requests,
      facts: load.acks.length,
    },
    notes,
    summary,
  };
}
