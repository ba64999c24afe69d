export * from './eventstoredb-double.server';
export * from './fault-injector';
export * from './gossip.service';
export * from './in-memory-log';
export * from './tf-position';
export type { AllStart } from './all-subscription';
