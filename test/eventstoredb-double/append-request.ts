import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendResp, BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, ExpectedVersion, ProposedEvent } from './in-memory-log';

/** What the server counts against its maximum append size: type, data and metadata of each event. */
export function appendSize(events: readonly ProposedEvent[]): number {
  return events.reduce(
    (sum, e) => sum + Buffer.byteLength(e.type) + e.data.length + e.metadata.length,
    0,
  );
}

export function batchExpectedVersion(options: BatchAppendReq.Options): ExpectedVersion {
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasNoStream()) return { kind: 'no-stream' };
  if (options.hasStreamExists()) return { kind: 'stream-exists' };
  return { kind: 'revision', revision: Number(options.getStreamPosition()) };
}

/** The unary Append's answer: a success, or a wrong expected version carried in the response itself. */
export function appendResponse(outcome: AppendOutcome, expected: ExpectedVersion): AppendResp {
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.current < 0) {
      wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
    } else {
      wrong.setCurrentRevision(String(outcome.current)).setCurrentRevision2060(outcome.current);
    }
    switch (expected.kind) {
      case 'any':
        wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
        break;
      case 'stream-exists':
        wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
        break;
      case 'no-stream':
        wrong.setExpectedNoStream(new Empty());
        break;
      default:
        wrong
          .setExpectedRevision(String(expected.revision))
          .setExpectedRevision2060(expected.revision);
    }
    return new AppendResp().setWrongExpectedVersion(wrong);
  }
  const last = outcome.records[outcome.records.length - 1];
  const position = new AppendResp.Position()
    .setCommitPosition(String(last.position))
    .setPreparePosition(String(last.position));
  return new AppendResp().setSuccess(
    new AppendResp.Success().setCurrentRevision(String(last.revision)).setPosition(position),
  );
}
