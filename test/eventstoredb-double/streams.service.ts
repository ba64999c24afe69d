import { status, type ServerWritableStream, type sendUnaryData } from '@grpc/grpc-js';
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { unimplemented, type ServerError } from './server-errors';
import { handleAppend, handleBatchAppend } from './streams-append.handler';
import { handleRead, type ReadContext } from './streams-read.handler';

export interface StreamsContext extends ReadContext {
  readonly maxAppendSize: number;
}

/** The Streams service: Read, Append and BatchAppend; Delete and Tombstone are not part of the double. */
export function streamsService(context: StreamsContext): IStreamsServer {
  const { log, faults, maxAppendSize } = context;
  const appendContext = { log, maxAppendSize, refuse: (leader: boolean) => faults.refuse(leader) };
  return {
    read: (call: ServerWritableStream<ReadReq, ReadResp>) => {
      const fail = (error: unknown) => {
        if (!call.writableEnded) call.emit('error', asServerError(error));
      };
      const refusal = faults.refuse(requiresLeader(call.metadata.get('requires-leader')));
      if (refusal) return fail(refusal);
      const untrack = faults.track({ fail });
      handleRead(context, call)
        .then(() => {
          if (!call.writableEnded) call.end();
        }, fail)
        .finally(untrack);
    },
    append: (call, callback) => handleAppend(appendContext, call, callback),
    batchAppend: (call) => {
      const untrack = faults.track({
        fail: (error) => {
          if (!call.writableEnded) call.emit('error', error);
        },
      });
      call.once('close', untrack);
      call.once('finish', untrack);
      handleBatchAppend(appendContext, call);
    },
    delete: (_call, callback: sendUnaryData<never>) => callback(unimplemented('Delete')),
    tombstone: (_call, callback: sendUnaryData<never>) => callback(unimplemented('Tombstone')),
  };
}

function requiresLeader(values: readonly (string | Buffer)[]): boolean {
  return values.some((value) => value.toString() === 'true');
}

function asServerError(error: unknown): ServerError {
  if (typeof (error as ServerError)?.code === 'number') return error as ServerError;
  return { code: status.UNKNOWN, details: (error as Error)?.message ?? String(error) };
}
