// Test helpers for other libraries' specs: import from '@entente/domain/testing', never from app code.
export * from './replay.helper';
export * from './story.helper';
export * from './input.builder';
