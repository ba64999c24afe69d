export * from './errors/entente.error';
export * from './clock';
export * from './id-generator';
export * from './heap-growth';
