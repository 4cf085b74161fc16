export * from './event-examples';
