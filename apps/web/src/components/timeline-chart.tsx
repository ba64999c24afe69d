import type { Precision } from '@entente/domain';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Interval } from '../api/types';
import type { Fact } from '../view/facts';
import { formatDay, formatOccurred, shorten, typeLabel } from '../view/format';
import { CONTEXT_COLOUR, FACT_SYMBOL, OUTLINE, STATUS_COLOUR, STATUSES } from '../view/palette';

type PlotLibrary = typeof import('./plot-marks');

let plotLibrary: Promise<PlotLibrary> | undefined;

/**
 * Most of the page's code is the chart library. It is loaded once the pair's first API calls are on
 * their way (the pair view asks for it after its panels asked for their data), so that neither its
 * download nor its evaluation holds those calls back.
 */
export function loadPlot(): Promise<PlotLibrary> {
  plotLibrary ??= import('./plot-marks');
  return plotLibrary;
}

export const PAIR_ROW = 'whole pair';

interface Props {
  readonly label: string;
  readonly rows: readonly string[];
  readonly intervals: readonly Interval[];
  readonly facts: readonly Fact[];
  /** The precision of the fact that opened an interval, where the page has it. */
  readonly precisionOf: (eventId: string) => Precision | undefined;
  readonly domain: readonly [Date, Date];
  readonly cursor: Date;
  readonly auditHref: (eventId: string) => string;
  readonly onFact: (eventId: string) => void;
  readonly onCursor: (day: string) => void;
  readonly onDrawn?: () => void;
}

const ROW_HEIGHT = 34;
const MARKER_GAP_PX = 11;

/** The end of the period an approximate start names: a year's start is somewhere in that year. */
function periodEnd(from: Date, precision: Precision | undefined): Date | null {
  if (precision === 'year') return new Date(Date.UTC(from.getUTCFullYear() + 1, 0, 1));
  if (precision === 'month') {
    return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  }
  return null;
}

interface Band {
  readonly row: string;
  readonly from: Date;
  readonly to: Date;
  readonly interval: Interval;
}

/**
 * Each channel as a band over valid time, coloured by status, with a marker per fact. Bands and markers
 * are links to their audit, so they can be reached with Tab and opened with Enter; a click on the
 * background moves the cursor.
 */
export function TimelineChart(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = host.current!;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const [Plot, setPlot] = useState<PlotLibrary | null>(null);
  useEffect(() => {
    void loadPlot().then(setPlot);
  }, []);

  // Parents re-render for many reasons (a connection state, a name that arrived); the chart is drawn
  // again only when what it shows changed.
  const latest = useRef(props);
  latest.current = props;
  const drawing = signature(props);

  useEffect(() => {
    const element = host.current!;
    if (width === 0 || Plot === null) return;
    const props = latest.current;
    const chart = draw(Plot, props, width);
    // A redraw (a live update) must not throw the keyboard user out of the chart.
    const focused = element.contains(document.activeElement)
      ? document.activeElement?.getAttribute('href')
      : null;
    element.replaceChildren(chart);
    if (focused) {
      const again = [...chart.querySelectorAll('a')].find(
        (a) => a.getAttribute('href') === focused,
      );
      again?.focus();
    }
    props.onDrawn?.();
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element).closest('a');
      if (link) {
        event.preventDefault();
        const id = new URL(link.getAttribute('href')!, location.href).searchParams.get('fact');
        if (id) latest.current.onFact(id);
        return;
      }
      const x = chart.scale('x');
      const left = chart.getBoundingClientRect().left;
      const at = x?.invert?.(event.clientX - left) as Date | undefined;
      if (at instanceof Date && !Number.isNaN(at.getTime()))
        latest.current.onCursor(formatDay(at.toISOString()));
    };
    const target = chart as HTMLElement;
    target.addEventListener('click', onClick);
    return () => target.removeEventListener('click', onClick);
  }, [Plot, drawing, width]);

  return <div class="chart" ref={host} />;
}

function signature(props: Props): string {
  return JSON.stringify([
    props.label,
    props.rows,
    props.intervals,
    props.facts.map((f) => [f.versionId, f.kind, f.type, f.start, f.channel, f.data.summary]),
    props.domain.map((d) => d.getTime()),
    props.cursor.getTime(),
    props.auditHref(''),
  ]);
}

function draw(Plot: PlotLibrary, props: Props, width: number) {
  const [start, end] = props.domain;
  const marginLeft = Math.min(160, Math.round(width * 0.3));
  const msPerPx = (end.getTime() - start.getTime()) / Math.max(1, width - marginLeft - 20);
  const bands: Band[] = props.intervals.map((interval) => ({
    row: interval.channel,
    from: new Date(interval.from),
    to: interval.to ? new Date(interval.to) : end,
    interval,
  }));
  const fuzzy = bands.flatMap((band) => {
    if (!band.interval.approximate) return [];
    const until = periodEnd(band.from, props.precisionOf(band.interval.eventId));
    return until ? [{ ...band, to: until < band.to ? until : band.to }] : [];
  });
  // Facts sharing a row and a start would cover one another: each next one sits a few pixels right.
  const seen = new Map<string, number>();
  const markers = props.facts.map((fact) => {
    const row = fact.channel ?? PAIR_ROW;
    const key = `${row}|${fact.start}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return { fact, row, x: new Date(Date.parse(fact.start) + k * MARKER_GAP_PX * msPerPx) };
  });

  return Plot.plot({
    width,
    height: props.rows.length * ROW_HEIGHT + 54,
    marginLeft,
    marginRight: 20,
    marginTop: 24,
    ariaLabel: props.label,
    ariaDescription:
      'Bands are the status of each channel over valid time; markers are recorded facts. Each is a link to its audit.',
    style: { fontSize: '13px', background: 'transparent', color: '#1f2328' },
    x: { type: 'utc', domain: [start, end], label: null, grid: true },
    y: {
      domain: [...props.rows],
      label: null,
      tickFormat: (row: string) => shorten(row, Math.max(8, Math.floor(marginLeft / 7.5))),
    },
    color: { domain: [...STATUSES], range: STATUSES.map((s) => STATUS_COLOUR[s]) },
    marks: [
      Plot.barX(bands, {
        x1: 'from',
        x2: 'to',
        y: 'row',
        fill: (b: Band) => b.interval.status,
        stroke: OUTLINE,
        strokeWidth: 0.75,
        insetTop: 5,
        insetBottom: 5,
        clip: true,
        href: (b: Band) => props.auditHref(b.interval.eventId),
        ariaLabel: (b: Band) => bandWords(b),
        title: (b: Band) => bandWords(b),
        className: 'band',
      }),
      Plot.barX(fuzzy, {
        x1: 'from',
        x2: 'to',
        y: 'row',
        fill: 'white',
        fillOpacity: 0.55,
        insetTop: 5,
        insetBottom: 5,
        clip: true,
        ariaHidden: 'true',
        pointerEvents: 'none',
      }),
      Plot.ruleX([props.cursor], { stroke: '#0b3d91', strokeWidth: 2, ariaHidden: 'true' }),
      Plot.text([props.cursor], {
        x: (d: Date) => d,
        frameAnchor: 'top',
        dy: -14,
        text: (d: Date) => formatDay(d.toISOString()),
        fill: '#0b3d91',
        fontWeight: 'bold',
        ariaHidden: 'true',
      }),
      Plot.dot(markers, {
        x: 'x',
        y: 'row',
        r: 6,
        symbol: (m: (typeof markers)[number]) => FACT_SYMBOL[m.fact.kind].symbol,
        fill: (m: (typeof markers)[number]) =>
          m.fact.kind === 'retracted'
            ? 'none'
            : m.fact.leadsTo
              ? STATUS_COLOUR[m.fact.leadsTo]
              : CONTEXT_COLOUR,
        stroke: (m: (typeof markers)[number]) =>
          m.fact.kind === 'retracted' ? '#a40e26' : OUTLINE,
        strokeWidth: (m: (typeof markers)[number]) => (m.fact.kind === 'retracted' ? 2.5 : 1),
        clip: true,
        href: (m: (typeof markers)[number]) => props.auditHref(m.fact.reportId),
        ariaLabel: (m: (typeof markers)[number]) => factWords(m.fact),
        title: (m: (typeof markers)[number]) => factWords(m.fact),
        className: 'fact',
      }),
    ],
  });
}

function bandWords(band: Band): string {
  const { interval } = band;
  const to = interval.to ? `until ${formatDay(interval.to)}` : 'onwards';
  const approximately = interval.approximate ? 'approximately ' : '';
  return `${interval.channel}: ${interval.status} from ${approximately}${formatDay(interval.from)} ${to}`;
}

export function factWords(fact: Fact): string {
  const prefix =
    fact.kind === 'retracted' ? 'Retracted: ' : fact.kind === 'corrected' ? 'Corrected: ' : '';
  return `${prefix}${typeLabel(fact.type)}, ${formatOccurred(fact.data.occurredAt)}: ${shorten(fact.data.summary, 140)}`;
}
