export * from './eventstoredb-double.server';
export * from './fault-injector';
export * from './gossip.service';
export * from './in-memory-log';
