export * from './service-registry';
