export * from './network.parts';
export * from './member-registered.event';
export * from './member-upgraded.event';
export * from './member-status-changed.event';
export * from './member-sponsor-changed.event';
export * from './member-moved.event';
export * from './member-position-transferred.event';
