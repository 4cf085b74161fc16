export * from './topic-definition';
export * from './topics';
