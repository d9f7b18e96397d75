export * from './domain';
export * from './rides';
export * from './quotes';
export * from './drivers';
export * from './errors';
export * from './events';
