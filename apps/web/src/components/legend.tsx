import { FACT_SYMBOL, STATUS_COLOUR, STATUSES } from '../view/palette';

export function Legend() {
  return (
    <section class="legend" aria-label="Legend">
      <ul>
        {STATUSES.map((status) => (
          <li key={status}>
            <span class="swatch" style={{ background: STATUS_COLOUR[status] }} aria-hidden="true" />
            {status}
          </li>
        ))}
        <li>
          <span class="swatch fuzzy" aria-hidden="true" />
          approximate start
        </li>
      </ul>
      <ul>
        {Object.entries(FACT_SYMBOL).map(([kind, { glyph, label }]) => (
          <li key={kind}>
            <span aria-hidden="true" class={`glyph glyph-${kind}`}>
              {glyph}
            </span>
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
}
