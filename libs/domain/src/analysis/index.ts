export * from './fact-score';
export * from './series-buckets';
export * from './series-figures';
export * from './knowledge-terms';
export * from './dyad-series.query';
export * from './relation-diff.query';
