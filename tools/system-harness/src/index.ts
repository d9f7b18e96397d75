export { startSystem } from './system';
export type { RunningSystem, SystemOptions } from './system';
export { SERVICE_NAMES } from './service-process';
export type { ServiceName, ServiceProcess } from './service-process';
export { checkInvariants, rowCounts } from './invariants';
export type { InvariantViolations } from './invariants';
export { residentSetBytes } from './process-memory';
export { cpuTimeMs } from './process-cpu';
export { freePort } from './free-port';
export { startCpuHogs } from './cpu-hogs';
export type { CpuHogs } from './cpu-hogs';
export {
  formatSpanNameReport,
  formatTraceReport,
  isJavaScriptSample,
  newestCompleteTrace,
  profilesAfterStartUp,
  serviceCpu,
  spanNameProfiles,
  traceReport,
} from './span-profile-report';
export type {
  FunctionCpu,
  RootProfile,
  ServiceCpu,
  SpanNameProfile,
  TraceReport,
} from './span-profile-report';
