export * from './member-registered.event';
