export * from './event-store.port';
export * from './event-store.errors';
export * from './event-filter';
export * from './sqlite/sqlite-database';
export * from './sqlite/sqlite-event-store.adapter';
export { toRecordedEvent, type EventRow } from './sqlite/sqlite-event-row';
export * from './eventstoredb/eventstoredb-event-store.adapter';
export * from './eventstoredb/eventstoredb-connection-status';
export * from './data-directory/data-directory-lock';
