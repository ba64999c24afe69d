import type { ChannelState } from '../api/types';
import type { Fact } from '../view/facts';
import { formatDay, shorten, typeLabel } from '../view/format';
import { STATUS_COLOUR } from '../view/palette';

interface Props {
  readonly at: string;
  readonly channels: readonly ChannelState[];
  /** Facts by the id the API names them with (a report's, or its correction's). */
  readonly factById: (eventId: string) => Fact | undefined;
  readonly onFact: (eventId: string) => void;
}

/** Each channel's state on the cursor's day: status, since when, on what conditions, resting on what. */
export function StateAtCursor({ at, channels, factById, onFact }: Props) {
  if (channels.length === 0) {
    return <p class="empty">Nothing is recorded between these two, as known at this time.</p>;
  }
  return (
    <ul class="states" aria-label={`State on ${at}`}>
      {channels.map((state) => (
        <li
          key={state.channel}
          class="state"
          data-channel={state.channel}
          data-status={state.status}
        >
          <div class="state-head">
            <span class="channel">{state.channel}</span>
            <span
              class={`status status-${state.status}`}
              style={{ '--swatch': STATUS_COLOUR[state.status] }}
            >
              {state.status}
            </span>
            {state.since && (
              <span class="since">
                since {state.approximate ? '≈ ' : ''}
                {state.sinceOccurredAt?.value ?? formatDay(state.since)}
              </span>
            )}
          </div>
          {state.status === 'unknown' && (
            <p class="help">
              No change of status on this channel is on record by the known-at time.
            </p>
          )}
          {state.conditions.length > 0 && (
            <div class="conditions">
              <span class="label">Conditions</span>
              <ul>
                {state.conditions.map((condition) => (
                  <li key={condition}>{condition}</li>
                ))}
              </ul>
            </div>
          )}
          {state.basis.length > 0 && (
            <div class="basis">
              <span class="label">Rests on</span>
              <ul>
                {state.basis.map((id) => {
                  const fact = factById(id);
                  return (
                    <li key={id}>
                      <button type="button" class="link" onClick={() => onFact(id)}>
                        {fact ? `${typeLabel(fact.type)}: ${shorten(fact.data.summary)}` : id}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {state.anomalies.length > 0 && (
            <ul class="anomalies">
              {state.anomalies.map((anomaly) => (
                <li key={`${anomaly.kind}-${anomaly.eventId}`}>⚠ {anomaly.message}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
