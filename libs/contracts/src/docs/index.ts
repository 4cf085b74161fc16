export * from './json-schemas';
export * from './asyncapi';
