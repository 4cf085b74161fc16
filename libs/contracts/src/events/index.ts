export * from './procurement';
export * from './catalog';
export * from './orders';
export * from './network';
export * from './commission';
export * from './logistics';
