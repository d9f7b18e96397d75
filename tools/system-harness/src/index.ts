export { startSystem, type RunningSystem, type SystemOptions } from './system';
export { SERVICE_NAMES, type ServiceName, type ServiceProcess } from './service-process';
export * from './invariants';
export * from './span-profile-report';
export * from './cpu-hogs';
export * from './process-cpu';
export * from './process-memory';
export { findFreePort as freePort } from '@rideshare/native-infra';
