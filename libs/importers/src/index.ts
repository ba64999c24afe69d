// Importers without a framework: read coded event files, map rows to facts through versioned crosswalks,
// and record them through a sink (the recorder, a server's batch route, or a dry run). See README.md.
export * from './crosswalk/crosswalk.version';
export * from './crosswalk/international-bodies.crosswalk';
export * from './formats/import-format';
export * from './formats/entente/entente-line';
export * from './input/input-entries';
export * from './pipeline/event-id';
export * from './pipeline/fact-sink';
export * from './pipeline/import-run';
export * from './pipeline/import-tally';
export * from './pipeline/row-outcome';
export * from './pipeline/skip-reason';
export * from './pipeline/skip-report';
export * from './sinks/dry-run.sink';
export * from './sinks/http.sink';
export * from './sinks/recorder.sink';
