import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import type { ExpectedVersion } from './in-memory-log';

/**
 * The failures exactly as a real node reports them (codes, messages and trailers from its RpcExceptions
 * and google.rpc.Status helpers), because the client decides what to do from those and nothing else.
 */
export type ServerError = Partial<ServiceError> & { code: status; details: string };

function withMetadata(code: status, details: string, entries: Record<string, string>): ServerError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return { code, details, metadata };
}

export function serverNotReady(): ServerError {
  return { code: status.UNAVAILABLE, details: 'Server Is Not Ready' };
}

export function notLeader(host: string, port: number): ServerError {
  return withMetadata(status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': host,
    'leader-endpoint-port': String(port),
  });
}

export function invalidPosition(): ServerError {
  return { code: status.INVALID_ARGUMENT, details: 'Trying to read from an invalid position.' };
}

export function maximumAppendSizeExceeded(limit: number): ServerError {
  return withMetadata(status.INVALID_ARGUMENT, `Maximum Append Size of ${limit} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(limit),
  });
}

export function unimplemented(what: string): ServerError {
  return { code: status.UNIMPLEMENTED, details: `${what} is not implemented by the double` };
}

/** BatchAppend reports a wrong expected version in-band, as a google.rpc.Status with packed details. */
export function wrongExpectedVersionStatus(current: number, expected: ExpectedVersion): Status {
  const details = new WrongExpectedVersion();
  if (current < 0) details.setCurrentNoStream(new GoogleEmpty());
  else details.setCurrentStreamRevision(String(current));
  switch (expected.kind) {
    case 'any':
      details.setExpectedAny(new GoogleEmpty());
      break;
    case 'no-stream':
      details.setExpectedNoStream(new GoogleEmpty());
      break;
    case 'stream-exists':
      details.setExpectedStreamExists(new GoogleEmpty());
      break;
    default:
      details.setExpectedStreamPosition(String(expected.revision));
  }
  const any = new Any();
  any.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  const result = new Status();
  result.setCode(Code.ALREADY_EXISTS);
  result.setMessage('WrongExpectedVersion');
  result.setDetails(any);
  return result;
}
