export * from './dyad-series.projection';
export * from './dyad-series.queries';
