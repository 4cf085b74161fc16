import 'reflect-metadata';

export * from './topics';
export * from './services';
export * from './envelope';
export * from './registry';
export * from './events';
export * from './values';
export * from './examples';
export * from './docs';
