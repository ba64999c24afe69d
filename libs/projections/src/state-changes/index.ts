export * from './state-changes.projection';
export * from './state-changes.queries';
