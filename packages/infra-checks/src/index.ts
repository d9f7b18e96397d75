export { REPO_ROOT, INFRA_DIR, infraPath, repoPath } from './paths';
export { readEnvFile } from './env-file';
export { interpolate, interpolateString, InterpolationError } from './interpolate';
export {
  loadCompose,
  readComposeYaml,
  environmentOf,
  buildOf,
  buildArgsOf,
  parsePort,
  publishedPorts,
  parseMemory,
  memoryLimitBytes,
  dependsOn,
  healthcheckTest,
  type ComposeFile,
  type ComposeService,
  type ComposeBuild,
  type PublishedPort,
} from './compose';
export { parseDockerfile, finalStage, argDefaults, type DockerInstruction } from './dockerfile';
export { loadDatasources, DATASOURCES_DIR, type ProvisionedDatasource } from './grafana';
export {
  KUBERNETES_DIR,
  toolEnv,
  installK8sTools,
  overlayNames,
  renderOverlay,
  parseManifests,
  validateManifests,
  type K8sObject,
  type K8sTools,
  type ValidationResult,
} from './kubernetes';
