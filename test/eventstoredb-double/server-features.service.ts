import type { IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';

const STREAMS = 'event_store.client.streams.streams';

/**
 * What a node advertises, names in lower case as a real one lists them. The client uses BatchAppend for
 * every append when it is listed, and the unary Append when it is not.
 */
export function serverFeaturesService(options: {
  readonly version: string;
  readonly batchAppend: boolean;
}): IServerFeaturesServer {
  const methods = [
    method(STREAMS, 'read', ['position', 'events']),
    method(STREAMS, 'append'),
    ...(options.batchAppend ? [method(STREAMS, 'batchappend', ['deadline_duration'])] : []),
    method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    method('event_store.client.gossip.gossip', 'read'),
  ];
  const answer = new SupportedMethods()
    .setEventStoreServerVersion(options.version)
    .setMethodsList(methods);
  return { getSupportedMethods: (_call, callback) => callback(null, answer) };
}

function method(service: string, name: string, features: string[] = []): SupportedMethod {
  return new SupportedMethod()
    .setServiceName(service)
    .setMethodName(name)
    .setFeaturesList(features);
}
