import { isReportType, type ReportType } from '../events/event-catalog';
import type {
  EventCorrectedData,
  EventRetractedData,
  ReportData,
} from '../events/event-data.types';
import { upcast } from '../events/event-upcasters';
import type { StreamEvent } from './streams';

/** A report stream rebuilt: the fact as it now stands, and what happened to it. */
export interface ReportState {
  /** The id of the fact that opened the stream; null while the stream does not exist. */
  readonly reportId: string | null;
  /** Zero-based revision of the stream's last event; null while the stream does not exist. */
  readonly revision: number | null;
  /** Type and content as currently corrected. */
  readonly type: ReportType | null;
  readonly data: ReportData | null;
  /** The opening fact as stored (upcast), to recognise a client's retry of the same fact. */
  readonly original: { readonly type: string; readonly data: unknown } | null;
  readonly retracted: { readonly by: string; readonly reason: string } | null;
  readonly correctionIds: readonly string[];
  readonly retractionIds: readonly string[];
  /** Corrections and retractions as stored, to recognise a client's retry of one. */
  readonly amendments: readonly {
    readonly eventId: string;
    readonly type: string;
    readonly data: unknown;
  }[];
}

export const initialReportState: ReportState = {
  reportId: null,
  revision: null,
  type: null,
  data: null,
  original: null,
  retracted: null,
  correctionIds: [],
  retractionIds: [],
  amendments: [],
};

export function evolveReport(state: ReportState, event: StreamEvent): ReportState {
  const { data } = upcast(event.type, event.schemaVersion, event.data);
  const revision = state.revision === null ? 0 : state.revision + 1;
  if (state.reportId === null) {
    if (!isReportType(event.type)) return { ...state, revision };
    return {
      ...state,
      reportId: event.eventId,
      revision,
      type: event.type,
      data: data as ReportData,
      original: { type: event.type, data },
    };
  }
  if (event.type === 'EventCorrected') {
    const corrected = data as EventCorrectedData;
    return {
      ...state,
      revision,
      type: corrected.replacementType,
      data: corrected.replacement,
      correctionIds: [...state.correctionIds, event.eventId],
      amendments: [...state.amendments, { eventId: event.eventId, type: event.type, data }],
    };
  }
  if (event.type === 'EventRetracted') {
    const { reason } = data as EventRetractedData;
    return {
      ...state,
      revision,
      retracted: state.retracted ?? { by: event.eventId, reason },
      retractionIds: [...state.retractionIds, event.eventId],
      amendments: [...state.amendments, { eventId: event.eventId, type: event.type, data }],
    };
  }
  return { ...state, revision };
}
