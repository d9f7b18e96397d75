import 'reflect-metadata';

export * from './config';
export * from './logger';
export * from './trace-context';
export * from './database';
export * from './transient-errors';
export * from './kafka';
export * from './event-consumer';
export * from './outbox';
export * from './validation';
export * from './http-exception.filter';
export * from './json-body';
export * from './http-client';
export * from './health';
export * from './runtime';
export * from './service-kit.module';
export * from './bootstrap';
export * from './start-event-driven-service';
