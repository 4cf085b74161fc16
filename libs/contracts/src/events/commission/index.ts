export * from './commission-line.parts';
export * from './compensation-plan-activated.event';
export * from './commission-accrued.event';
export * from './commission-released.event';
export * from './commission-clawed-back.event';
export * from './rank-achieved.event';
export * from './commission-period-closed.event';
export * from './payout-batch-issued.event';
