import type { Fact } from '../view/facts';
import { FACT_SYMBOL } from '../view/palette';
import { factWords } from './timeline-chart';

interface Props {
  readonly facts: readonly Fact[];
  readonly onFact: (eventId: string) => void;
}

/** The chart's markers as a list, in valid-time order: the same facts for reading and for the keyboard. */
export function FactList({ facts, onFact }: Props) {
  return (
    <details class="fact-list">
      <summary>
        {facts.length} fact{facts.length === 1 ? '' : 's'} on record
      </summary>
      <ol>
        {facts.map((fact) => (
          <li key={fact.reportId} data-kind={fact.kind}>
            <span aria-hidden="true" class={`glyph glyph-${fact.kind}`}>
              {FACT_SYMBOL[fact.kind].glyph}
            </span>
            <button type="button" class="link" onClick={() => onFact(fact.reportId)}>
              {factWords(fact)}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
