import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  AllStreamPosition,
  MaximumAppendSizeExceeded,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
} from '@eventstore/db-client/generated/streams_pb';
import { appendResponse, appendSize, batchExpectedVersion } from './append-request';
import type { ExpectedVersion, InMemoryLog, ProposedEvent } from './in-memory-log';
import { proposedEvent, streamIdentifier, streamName } from './proto-mapping';
import {
  maximumAppendSizeExceeded,
  wrongExpectedVersionStatus,
  type ServerError,
} from './server-errors';

export interface AppendContext {
  readonly log: InMemoryLog;
  readonly maxAppendSize: number;
  /** Asked before each write: a fault to answer with instead, if any. */
  readonly refuse: (requiresLeader: boolean) => ServerError | undefined;
}

/** Streams.Append: options first, then one message per event; the answer once the client ends. */
export function handleAppend(
  context: AppendContext,
  call: ServerReadableStream<AppendReq, AppendResp>,
  callback: sendUnaryData<AppendResp>,
): void {
  let stream = '';
  let expected: ExpectedVersion = { kind: 'any' };
  const events: ProposedEvent[] = [];
  let failed = false;
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    callback(error as ServerError);
  };
  call.on('data', (request: AppendReq) => {
    try {
      if (request.hasOptions()) {
        const options = request.getOptions()!;
        stream = streamName(options.getStreamIdentifier());
        expected = options.hasAny()
          ? { kind: 'any' }
          : options.hasNoStream()
            ? { kind: 'no-stream' }
            : options.hasStreamExists()
              ? { kind: 'stream-exists' }
              : { kind: 'revision', revision: Number(options.getRevision()) };
        return;
      }
      const message = request.getProposedMessage()!;
      events.push(
        proposedEvent(
          message.getId(),
          message.getMetadataMap(),
          message.getData_asU8(),
          message.getCustomMetadata_asU8(),
        ),
      );
    } catch (error) {
      fail(error);
    }
  });
  call.on('end', () => {
    if (failed) return;
    const refusal = context.refuse(requiresLeader(call.metadata.get('requires-leader')));
    if (refusal) return fail(refusal);
    if (appendSize(events) > context.maxAppendSize) {
      return fail(maximumAppendSizeExceeded(context.maxAppendSize));
    }
    callback(null, appendResponse(context.log.append(stream, expected, events), expected));
  });
}

interface PendingBatch {
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly events: ProposedEvent[];
}

/**
 * Streams.BatchAppend: one long-lived call carrying many appends, each keyed by a correlation id and
 * answered in-band, errors included, except a not-leader answer, which ends the whole call.
 */
export function handleBatchAppend(
  context: AppendContext,
  call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
): void {
  const pending = new Map<string, PendingBatch>();
  const leaderRequired = requiresLeader(call.metadata.get('requires-leader'));
  call.on('data', (request: BatchAppendReq) => {
    const correlation = request.getCorrelationId()!;
    const key = Buffer.from(correlation.serializeBinary()).toString('hex');
    try {
      if (request.hasOptions()) {
        const options = request.getOptions()!;
        pending.set(key, {
          stream: streamName(options.getStreamIdentifier()),
          expected: batchExpectedVersion(options),
          events: [],
        });
      }
      const batch = pending.get(key);
      if (!batch) return;
      for (const message of request.getProposedMessagesList()) {
        batch.events.push(
          proposedEvent(
            message.getId(),
            message.getMetadataMap(),
            message.getData_asU8(),
            message.getCustomMetadata_asU8(),
          ),
        );
      }
      const response = new BatchAppendResp()
        .setCorrelationId(correlation)
        .setStreamIdentifier(streamIdentifier(batch.stream));
      if (appendSize(batch.events) > context.maxAppendSize) {
        pending.delete(key);
        call.write(response.setError(tooBig(context.maxAppendSize)));
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const refusal = context.refuse(leaderRequired);
      if (refusal) {
        call.emit('error', refusal);
        return;
      }
      const outcome = context.log.append(batch.stream, batch.expected, batch.events);
      if (outcome.kind === 'wrong-expected-version') {
        call.write(response.setError(wrongExpectedVersionStatus(outcome.current, batch.expected)));
        return;
      }
      const last = outcome.records[outcome.records.length - 1];
      const position = new AllStreamPosition()
        .setCommitPosition(String(last.position))
        .setPreparePosition(String(last.position));
      call.write(
        response.setSuccess(
          new BatchAppendResp.Success()
            .setCurrentRevision(String(last.revision))
            .setPosition(position),
        ),
      );
    } catch (error) {
      call.emit('error', error);
    }
  });
  call.on('end', () => call.end());
}

function tooBig(limit: number): Status {
  const details = new Any();
  details.pack(
    new MaximumAppendSizeExceeded().setMaxappendsize(limit).serializeBinary(),
    'event_store.client.MaximumAppendSizeExceeded',
  );
  return new Status()
    .setCode(Code.INVALID_ARGUMENT)
    .setMessage('MaximumAppendSizeExceeded')
    .setDetails(details);
}

function requiresLeader(values: readonly (string | Buffer)[]): boolean {
  return values.some((value) => value.toString() === 'true');
}
