export * from './integration-event.decorator';
