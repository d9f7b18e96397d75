import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { infraPath } from './paths';

export const KUBERNETES_DIR = infraPath('kubernetes');

/** One rendered Kubernetes object, loosely typed: the tests read the fields they check. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
}

export interface K8sTools {
  kustomize: string;
  kubernetesValidate: string;
}

/**
 * The environment for the tools (go, pip, kustomize): the test's own, with HOME set even where a
 * task runner passed on only some variables, since Go and pip keep their caches under it.
 */
export function toolEnv(): NodeJS.ProcessEnv {
  return { ...process.env, HOME: process.env.HOME ?? homedir() };
}

/**
 * Runs infra/kubernetes/tools/install.sh (which installs kustomize and kubernetes-validate into
 * $RIDESHARE_CACHE/k8s-tools the first time, and only prints their paths afterwards).
 */
export function installK8sTools(): K8sTools {
  const output = execFileSync('bash', [join(KUBERNETES_DIR, 'tools', 'install.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: toolEnv(),
  });
  const value = (key: string): string => {
    const line = output.split('\n').find((entry) => entry.startsWith(`${key}=`));
    if (!line) throw new Error(`install.sh printed no ${key}=: ${output}`);
    return line.slice(key.length + 1);
  };
  return { kustomize: value('KUSTOMIZE'), kubernetesValidate: value('KUBERNETES_VALIDATE') };
}

/** The overlays under infra/kubernetes/overlays (local, production, ...). */
export function overlayNames(): string[] {
  return readdirSync(join(KUBERNETES_DIR, 'overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** `kustomize build` of one overlay, as YAML text. */
export function renderOverlay(kustomize: string, overlay: string): string {
  return execFileSync(kustomize, ['build', join(KUBERNETES_DIR, 'overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

export interface ValidationResult {
  /** `kind/name` of every object that passed its schema. */
  passed: string[];
  /** The validator's ERROR lines. */
  errors: string[];
  /** Kinds without a schema in the validator (custom resources): not validated. */
  skippedKinds: string[];
  exitCode: number;
}

/**
 * kubernetes-validate --strict (unknown fields are errors) against the JSON schemas of the given
 * Kubernetes version, which ship inside the package: no network.
 */
export function validateManifests(
  kubernetesValidate: string,
  text: string,
  kubernetesVersion: string,
): ValidationResult {
  const dir = mkdtempSync(join(tmpdir(), 'rideshare-k8s-'));
  const file = join(dir, 'manifests.yaml');
  writeFileSync(file, text);
  let output: string;
  let exitCode = 0;
  try {
    output = execFileSync(kubernetesValidate, ['--strict', '-k', kubernetesVersion, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: toolEnv(),
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; status?: number };
    output = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`;
    exitCode = failed.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = output.split('\n');
  return {
    passed: lines.flatMap((line) => /passed for resource (\S+)/.exec(line)?.[1] ?? []),
    errors: lines.filter((line) => line.startsWith('ERROR')),
    skippedKinds: [
      ...new Set(lines.flatMap((line) => /find schema for kind (\S+)/.exec(line)?.[1] ?? [])),
    ].sort(),
    exitCode,
  };
}
