import { knownAtOfStop, stopOf } from '../view/facts';
import { formatInstant } from '../view/format';
import { SPANS, type Span, type ViewState } from '../view/view-state';

interface Props {
  readonly at: string;
  readonly knownAt: string | null;
  /** The pair's record times, in order: the known-at stops. */
  readonly times: readonly string[];
  /** What was recorded at each time, for the slider's words. */
  readonly recordedAt: (time: string) => string;
  /** Days on which some channel's status changed, in order. */
  readonly changes: readonly string[];
  readonly span: Span;
  readonly onChange: (change: Partial<ViewState>) => void;
}

const SPAN_WORDS: Record<Span, string> = {
  all: 'everything',
  '10y': '10 years',
  '2y': '2 years',
  '6m': '6 months',
  '1m': '1 month',
};

/**
 * The two times of every answer: the valid-time cursor (a day) and "known at" (a record time). The
 * slider stops at each record time of the pair, so each step shows what one record changed.
 */
export function TimeControls({ at, knownAt, times, recordedAt, changes, span, onChange }: Props) {
  const stop = stopOf(times, knownAt);
  const last = times.length + 1;
  const previous = [...changes].reverse().find((day) => day < at);
  const next = changes.find((day) => day > at);
  const knownWords =
    stop === last
      ? 'now, following new records live'
      : stop === 0
        ? `${formatInstant(knownAtOfStop(times, 0)!)}, before anything about this pair was recorded`
        : `${formatInstant(times[stop - 1])}, after: ${recordedAt(times[stop - 1])}`;

  return (
    <section class="time-controls" aria-label="Time">
      <div class="cursor">
        <label for="valid-time">On (valid time)</label>
        <button
          type="button"
          disabled={!previous}
          onClick={() => previous && onChange({ at: previous })}
          aria-label="Previous change"
          title={previous ? `Previous change: ${previous}` : 'No earlier change'}
        >
          ◀
        </button>
        <input
          id="valid-time"
          type="date"
          value={at}
          required
          onChange={(e) => e.currentTarget.value && onChange({ at: e.currentTarget.value })}
        />
        <button
          type="button"
          disabled={!next}
          onClick={() => next && onChange({ at: next })}
          aria-label="Next change"
          title={next ? `Next change: ${next}` : 'No later change'}
        >
          ▶
        </button>
        <label class="span" for="span">
          Show
        </label>
        <select
          id="span"
          value={span}
          onChange={(e) => onChange({ span: e.currentTarget.value as Span })}
        >
          {SPANS.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'everything' : `${SPAN_WORDS[s]} around the cursor`}
            </option>
          ))}
        </select>
      </div>
      <div class="known-at">
        <label for="known-at">As known at (record time)</label>
        <input
          id="known-at"
          type="range"
          min={0}
          max={last}
          step={1}
          value={stop}
          aria-valuetext={knownWords}
          onInput={(e) =>
            onChange({ knownAt: knownAtOfStop(times, Number(e.currentTarget.value)) })
          }
        />
        <output for="known-at" id="known-at-words">
          {knownWords}
        </output>
      </div>
    </section>
  );
}
