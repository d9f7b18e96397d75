export * from './domain';
export * from './rides';
export * from './quotes';
export * from './drivers';
export * from './errors';
export * from './events';
export * from './geo';
export * from './seeded-random';
