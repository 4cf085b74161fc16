export * from './on-timer.decorator';
export * from './timer.schema';
export * from './timer.service';
export * from './timer-poller.service';
export * from './timers.module';
