export * from './wait-for';
export * from './kafka';
export * from './database';
export * from './service-process';
export * from './test-service';
export * from './test-service-process';
