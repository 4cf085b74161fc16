export * from './event-envelope';
export * from './envelope-codec';
