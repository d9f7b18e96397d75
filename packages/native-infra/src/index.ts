export { startPostgres, POSTGRES_DATABASE, POSTGRES_PASSWORD, POSTGRES_USER } from './postgres';
export type { PostgresOptions, RunningPostgres } from './postgres';
export { startKafka } from './kafka';
export type { KafkaOptions, RunningKafka } from './kafka';
export { ensureInfra } from './ensure-infra';
export type { Infra } from './ensure-infra';
export { PortInUseError } from './ports';
export { wrapCommand } from './managed-process';
export { findRepoRoot } from './repo-root';
