import { useEffect, useRef } from 'preact/hooks';
import { useApi } from '../api/use-api';
import {
  isCorrection,
  isReport,
  isRetraction,
  type Actor,
  type EventView,
  type EventWithAmendments,
} from '../api/types';
import { formatInstant, typeLabel } from '../view/format';
import { ReportDetails } from './report-details';

interface Props {
  /** A report's id, or one of its amendments' (the state's basis names a correction by its own id). */
  readonly eventId: string;
  readonly knownAt: string | null;
  readonly actors: ReadonlyMap<string, Actor>;
  readonly onClose: () => void;
}

/** The report an amendment amends; a report is its own. */
function reportIdOf(event: EventView): string {
  if (isRetraction(event)) return event.data.retracts;
  if (isCorrection(event)) return event.data.corrects;
  return event.eventId;
}

/**
 * One fact's audit: what it says, its sources with links, who recorded it and when, and every
 * retraction or correction recorded for it (marked when the view's known-at is before them).
 */
export function AuditDialog({ eventId, knownAt, actors, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useApi<EventWithAmendments>(`/v1/events/${encodeURIComponent(eventId)}`);
  const reportId = first.data ? reportIdOf(first.data) : null;
  const second = useApi<EventWithAmendments>(
    reportId && reportId !== eventId ? `/v1/events/${encodeURIComponent(reportId)}` : null,
  );
  const report = reportId === eventId ? first.data : second.data;
  const error = first.error ?? second.error;

  useEffect(() => {
    const element = dialog.current!;
    if (!element.open) element.showModal();
    const close = () => onClose();
    element.addEventListener('close', close);
    return () => element.removeEventListener('close', close);
  }, [onClose]);

  const limit = knownAt === null ? Infinity : Date.parse(knownAt);
  return (
    <dialog ref={dialog} class="audit" aria-labelledby="audit-title">
      <header>
        <h2 id="audit-title">
          {report ? typeLabel(report.type) : error ? 'Audit unavailable' : 'Audit…'}
        </h2>
        <button type="button" class="close" onClick={() => dialog.current!.close()}>
          Close
        </button>
      </header>
      {error && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
      {report && isReport(report) && (
        <div class="audit-body">
          {Date.parse(report.recordedAt) > limit && (
            <p class="notice">Recorded after the known-at time you are viewing.</p>
          )}
          <ReportDetails data={report.data} actors={actors} />
          <h3>Record</h3>
          <dl class="fields">
            <dt>Recorded by</dt>
            <dd data-field="recordedBy">{report.recordedBy}</dd>
            <dt>Recorded at</dt>
            <dd data-field="recordedAt">{formatInstant(report.recordedAt)}</dd>
            <dt>Event</dt>
            <dd>
              <code>{report.eventId}</code>, position {report.position}, schema v
              {report.schemaVersion}
            </dd>
          </dl>
          <h3>Amendments</h3>
          {report.amendments.length === 0 ? (
            <p>None recorded.</p>
          ) : (
            <ol class="amendments">
              {report.amendments.map((amendment) => (
                <li key={amendment.eventId}>
                  <Amendment event={amendment} actors={actors} />
                  {Date.parse(amendment.recordedAt) > limit && (
                    <p class="notice">Not yet on record at the known-at time you are viewing.</p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </dialog>
  );
}

function Amendment({ event, actors }: { event: EventView; actors: ReadonlyMap<string, Actor> }) {
  const by = `by ${event.recordedBy} at ${formatInstant(event.recordedAt)}`;
  if (isRetraction(event)) {
    return (
      <p>
        <strong>Retracted</strong> {by}: {event.data.reason}
      </p>
    );
  }
  if (isCorrection(event)) {
    return (
      <details>
        <summary>
          <strong>Corrected</strong> {by}
          {event.data.reason ? `: ${event.data.reason}` : ''} (now{' '}
          {typeLabel(event.data.replacementType)})
        </summary>
        <ReportDetails data={event.data.replacement} actors={actors} />
      </details>
    );
  }
  return <p>{typeLabel(event.type)}</p>;
}
