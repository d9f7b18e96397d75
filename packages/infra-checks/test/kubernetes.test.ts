import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_TOPICS } from '@rideshare/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  installK8sTools,
  type K8sObject,
  type K8sTools,
  KUBERNETES_DIR,
  loadDatasources,
  overlayNames,
  parseManifests,
  renderOverlay,
  repoPath,
  validateManifests,
} from '../src';
import { AGREED_PORTS, NETWORK_SERVICES } from './agreed';

/** The four services: name -> the port every package agreed on. */
const SERVICE_PORTS: Record<string, number> = {
  'api-gateway': AGREED_PORTS.GATEWAY_PORT,
  'ride-service': AGREED_PORTS.RIDE_SERVICE_PORT,
  'pricing-service': AGREED_PORTS.PRICING_SERVICE_PORT,
  'driver-service': AGREED_PORTS.DRIVER_SERVICE_PORT,
};
const SERVICES = Object.keys(SERVICE_PORTS);

/** The oldest Kubernetes these manifests are for (preStop `sleep`) and the newest schemas bundled. */
const KUBERNETES_VERSIONS = ['1.30', '1.37'];
/** Custom resources, validated by their operators, not by the core API schemas. */
const CUSTOM_KINDS = ['Cluster', 'Kafka', 'KafkaNodePool', 'KafkaTopic'];
/** Each service instance's PostgreSQL pool (service-kit createPool's default `max`). */
const POOL_SIZE_PER_INSTANCE = 10;
/** Connections PostgreSQL keeps for itself and the operator (superuser_reserved + replication). */
const POSTGRES_RESERVED_CONNECTIONS = 20;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(dir, file));
}

/** Services whose source subscribes to Kafka (an `EventHandlers` map): one consumer group each. */
const CONSUMER_SERVICES = SERVICES.filter((name) =>
  sourceFiles(repoPath('apps', name, 'src')).some((file) =>
    /\bEventHandlers\b/.test(readFileSync(file, 'utf8')),
  ),
);

/**
 * The longest shutdown limit in the services' source (service-kit's bootstrap default, the
 * gateway's own): how long a SIGTERM'd instance may take to drain before it exits anyway.
 */
function serviceDrainSeconds(): number {
  const pattern = /shutdown\w*(?:ms|_MS)\s*(?:=|\?\?|:)\s*([\d_]+)/gi;
  const limits = [
    ...sourceFiles(repoPath('packages', 'service-kit', 'src')),
    ...SERVICES.flatMap((name) => sourceFiles(repoPath('apps', name, 'src'))),
  ].flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) =>
      Number(match[1]!.replaceAll('_', '')),
    ),
  );
  expect(limits.length, 'no shutdown limit found in the services source').toBeGreaterThan(0);
  return Math.max(...limits) / 1000;
}

function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

function named(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  expect(found, `${kind}/${name}`).toBeDefined();
  return found!;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function containerOf(deployment: K8sObject): any {
  const containers = deployment.spec.template.spec.containers;
  expect(containers, deployment.metadata.name).toHaveLength(1);
  return containers[0];
}

function envOf(deployment: K8sObject): EnvVar[] {
  return (containerOf(deployment).env ?? []) as EnvVar[];
}

function envValue(deployment: K8sObject, name: string): string | undefined {
  return envOf(deployment).find((entry) => entry.name === name)?.value;
}

/** key=value pairs of OTEL_RESOURCE_ATTRIBUTES / PYROSCOPE_TAGS. */
function pairs(list: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (list ?? '').split(',').map((pair) => {
      const [key = '', ...value] = pair.split('=');
      return [key.trim(), value.join('=').trim()];
    }),
  );
}

let tools: K8sTools;
const rendered = new Map<string, { text: string; objects: K8sObject[] }>();

beforeAll(() => {
  // Installs kustomize and kubernetes-validate on a machine that has neither yet (a few minutes
  // once; .ci/run does it before the tests), afterwards only prints their cached paths.
  tools = installK8sTools();
  for (const overlay of overlayNames()) {
    const text = renderOverlay(tools.kustomize, overlay);
    rendered.set(overlay, { text, objects: parseManifests(text) });
  }
}, 900_000);

function objectsOf(overlay: string): K8sObject[] {
  const entry = rendered.get(overlay);
  expect(entry, overlay).toBeDefined();
  return entry!.objects;
}

describe('infra/kubernetes overlays', () => {
  it('has the local and production overlays', () => {
    expect(overlayNames()).toEqual(['local', 'production']);
    expect(NETWORK_SERVICES.slice().sort()).toEqual(SERVICES.slice().sort());
  });

  it('finds the Kafka consumer services in the source', () => {
    expect(CONSUMER_SERVICES).toEqual(['ride-service', 'pricing-service', 'driver-service']);
  });
});

describe.each(['local', 'production'])('overlay %s', (overlay) => {
  it('renders every object into the rideshare namespace', () => {
    const objects = objectsOf(overlay);
    for (const object of objects) {
      if (object.kind === 'Namespace') expect(object.metadata.name).toBe('rideshare');
      else
        expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe(
          'rideshare',
        );
    }
  });

  it('labels the namespace, Kafka and PostgreSQL as the platform, to apply before the services', () => {
    const platform = objectsOf(overlay)
      .filter((object) => object.metadata.labels?.['app.kubernetes.io/component'] === 'platform')
      .map((object) => object.kind);
    expect([...new Set(platform)].sort()).toEqual(['Namespace', ...CUSTOM_KINDS].sort());
    expect(platform.filter((kind) => kind === 'KafkaTopic')).toHaveLength(ALL_TOPICS.length);
  });

  it.each(KUBERNETES_VERSIONS)(
    'passes strict validation against the Kubernetes %s API schemas (custom resources excepted)',
    (version) => {
      const objects = objectsOf(overlay);
      const result = validateManifests(
        tools.kubernetesValidate,
        rendered.get(overlay)!.text,
        version,
      );
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.skippedKinds).toEqual(CUSTOM_KINDS);
      const core = objects.filter((object) => !CUSTOM_KINDS.includes(object.kind));
      expect(result.passed).toHaveLength(core.length);
    },
  );

  describe.each(SERVICES)('%s', (name) => {
    const deployment = () => named(objectsOf(overlay), 'Deployment', name);

    it('serves its agreed port, reached through a Service of the same name', () => {
      const objects = objectsOf(overlay);
      const container = containerOf(deployment());
      expect(container.ports).toEqual([{ name: 'http', containerPort: SERVICE_PORTS[name] }]);
      expect(named(objects, 'ConfigMap', name).data?.PORT).toBe(String(SERVICE_PORTS[name]));
      const service = named(objects, 'Service', name);
      expect(service.spec.selector).toEqual(deployment().spec.selector.matchLabels);
      expect(service.spec.ports).toEqual([
        { name: 'http', port: SERVICE_PORTS[name], targetPort: 'http' },
      ]);
    });

    it('is ready on /health/ready and live on /health', () => {
      const container = containerOf(deployment());
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      // Start-up waits for PostgreSQL and Kafka (up to 60 s) before the port opens.
      const startup = container.startupProbe;
      expect(startup.httpGet.path).toBe('/health');
      expect(startup.periodSeconds * startup.failureThreshold).toBeGreaterThanOrEqual(60);
    });

    it('requests and limits CPU and memory', () => {
      const { requests, limits } = containerOf(deployment()).resources;
      for (const resource of ['cpu', 'memory']) {
        expect(requests?.[resource], `requests.${resource}`).toBeDefined();
        expect(limits?.[resource], `limits.${resource}`).toBeDefined();
      }
    });

    it('waits in preStop, then has longer than its drain to stop', () => {
      const preStopSeconds = containerOf(deployment()).lifecycle.preStop.sleep.seconds as number;
      expect(preStopSeconds).toBeGreaterThan(0);
      expect(deployment().spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        preStopSeconds + serviceDrainSeconds(),
      );
    });

    it('names its pod, namespace and node in OTEL_RESOURCE_ATTRIBUTES and PYROSCOPE_TAGS (downward API)', () => {
      const fields = Object.fromEntries(
        envOf(deployment()).flatMap((entry) =>
          entry.valueFrom?.fieldRef ? [[entry.name, entry.valueFrom.fieldRef.fieldPath]] : [],
        ),
      );
      expect(fields).toEqual({
        K8S_POD_NAME: 'metadata.name',
        K8S_NAMESPACE_NAME: 'metadata.namespace',
        K8S_NODE_NAME: 'spec.nodeName',
      });
      expect(pairs(envValue(deployment(), 'OTEL_RESOURCE_ATTRIBUTES'))).toMatchObject({
        'service.namespace': 'rideshare',
        'service.instance.id': '$(K8S_POD_NAME)',
        'k8s.pod.name': '$(K8S_POD_NAME)',
        'k8s.namespace.name': '$(K8S_NAMESPACE_NAME)',
        'k8s.node.name': '$(K8S_NODE_NAME)',
      });
      expect(pairs(envValue(deployment(), 'PYROSCOPE_TAGS'))).toEqual({
        pod: '$(K8S_POD_NAME)',
        namespace: '$(K8S_NAMESPACE_NAME)',
      });
    });

    it('refers only to variables defined before it ($(VAR) expansion)', () => {
      const objects = objectsOf(overlay);
      const container = containerOf(deployment());
      const defined = new Set<string>(
        (container.envFrom as Array<{ configMapRef: { name: string } }>).flatMap((source) =>
          Object.keys(named(objects, 'ConfigMap', source.configMapRef.name).data ?? {}),
        ),
      );
      for (const entry of envOf(deployment())) {
        for (const match of (entry.value ?? '').matchAll(/\$\((\w+)\)/g)) {
          expect(defined.has(match[1]!), `${entry.name} uses $(${match[1]})`).toBe(true);
        }
        defined.add(entry.name);
      }
    });

    it('takes its configuration from ConfigMaps and DATABASE_URL from the PostgreSQL Secret', () => {
      const objects = objectsOf(overlay);
      const container = containerOf(deployment());
      expect(container.envFrom).toEqual([
        { configMapRef: { name: 'rideshare-common' } },
        { configMapRef: { name } },
      ]);
      expect(named(objects, 'ConfigMap', name).data?.OTEL_SERVICE_NAME).toBe(name);
      const cluster = ofKind(objects, 'Cluster');
      expect(cluster).toHaveLength(1);
      // CloudNativePG writes <cluster>-app with the application user's connection URI.
      expect(envOf(deployment()).find((entry) => entry.name === 'DATABASE_URL')).toEqual({
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: { name: `${cluster[0]!.metadata.name}-app`, key: 'uri' } },
      });
      // No other literal settings in the Deployment than the downward-API composites.
      const literal = envOf(deployment()).filter((entry) => entry.value !== undefined);
      expect(literal.map((entry) => entry.name).sort()).toEqual([
        'OTEL_RESOURCE_ATTRIBUTES',
        'PYROSCOPE_TAGS',
      ]);
    });

    it('has a PodDisruptionBudget that lets one pod go at a time', () => {
      const pdb = named(objectsOf(overlay), 'PodDisruptionBudget', name);
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec.selector.matchLabels).toEqual(deployment().spec.selector.matchLabels);
      expect(pdb.spec.maxUnavailable).toBe(1);
    });

    it('has an autoscaling/v2 HorizontalPodAutoscaler on CPU, starting at the Deployment replicas', () => {
      const hpa = named(objectsOf(overlay), 'HorizontalPodAutoscaler', name);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBe(deployment().spec.replicas);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
    });

    it('rolls out without dropping below the wanted replicas', () => {
      expect(deployment().spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    });
  });

  it('runs at least 2 replicas of every service (3 in production)', () => {
    for (const name of SERVICES) {
      const replicas = named(objectsOf(overlay), 'Deployment', name).spec.replicas as number;
      expect(replicas, name).toBeGreaterThanOrEqual(overlay === 'production' ? 3 : 2);
    }
  });

  it('creates every topic with Strimzi, replicated no more than the brokers allow', () => {
    const objects = objectsOf(overlay);
    const topics = ofKind(objects, 'KafkaTopic');
    const names = topics.map((topic) => topic.spec.topicName ?? topic.metadata.name);
    expect(names.sort()).toEqual([...ALL_TOPICS].sort());
    const kafka = ofKind(objects, 'Kafka');
    expect(kafka).toHaveLength(1);
    const pools = ofKind(objects, 'KafkaNodePool');
    const brokers = pools
      .filter((pool) => pool.spec.roles.includes('broker'))
      .reduce((sum, pool) => sum + (pool.spec.replicas as number), 0);
    for (const topic of [...topics, ...pools]) {
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe(kafka[0]!.metadata.name);
    }
    const config = kafka[0]!.spec.kafka.config;
    for (const topic of topics) {
      expect(topic.spec.replicas, topic.metadata.name).toBeLessThanOrEqual(brokers);
      const minInsync = topic.spec.config?.['min.insync.replicas'] ?? config['min.insync.replicas'];
      // One broker may be down (a rolling restart) and producers with acks=all still write.
      expect(minInsync, topic.metadata.name).toBeLessThanOrEqual(
        Math.max(1, topic.spec.replicas - 1),
      );
    }
    expect(config['offsets.topic.replication.factor']).toBeLessThanOrEqual(brokers);
    expect(config['auto.create.topics.enable']).toBe(false);
  });

  it('points the services at the Kafka bootstrap Service, Tempo and Pyroscope', () => {
    const objects = objectsOf(overlay);
    const kafka = ofKind(objects, 'Kafka')[0]!;
    const plain = (
      kafka.spec.kafka.listeners as Array<{ name: string; port: number; tls: boolean }>
    ).find((listener) => !listener.tls);
    const common = named(objects, 'ConfigMap', 'rideshare-common').data!;
    expect(common.KAFKA_BROKERS).toBe(`${kafka.metadata.name}-kafka-bootstrap:${plain?.port}`);
    expect(common.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      `http://tempo:${AGREED_PORTS.TEMPO_OTLP_HTTP_PORT}`,
    );
    expect(common.OTEL_EXPORTER_OTLP_PROTOCOL).toBe('http/protobuf');
    expect(common.PYROSCOPE_SERVER_ADDRESS).toBe(`http://pyroscope:${AGREED_PORTS.PYROSCOPE_PORT}`);
    expect(common.DEPLOYMENT_ENVIRONMENT).toBe(overlay);
  });

  it('allows PostgreSQL connections for every service at its HPA ceiling', () => {
    const objects = objectsOf(overlay);
    const ceiling = ofKind(objects, 'HorizontalPodAutoscaler').reduce(
      (sum, hpa) => sum + (hpa.spec.maxReplicas as number),
      0,
    );
    const cluster = ofKind(objects, 'Cluster')[0]!;
    const maxConnections = Number(cluster.spec.postgresql.parameters.max_connections);
    expect(maxConnections).toBeGreaterThanOrEqual(
      ceiling * POOL_SIZE_PER_INSTANCE + POSTGRES_RESERVED_CONNECTIONS,
    );
  });
});

describe('Kafka partitions and consumer replicas', () => {
  it('gives every topic at least as many partitions as any consumer service can have replicas', () => {
    let mostReplicas = 0;
    for (const overlay of overlayNames()) {
      const objects = objectsOf(overlay);
      for (const name of CONSUMER_SERVICES) {
        const hpa = named(objects, 'HorizontalPodAutoscaler', name);
        const replicas = named(objects, 'Deployment', name).spec.replicas as number;
        mostReplicas = Math.max(mostReplicas, hpa.spec.maxReplicas, replicas);
      }
    }
    expect(mostReplicas).toBeGreaterThanOrEqual(3);
    for (const overlay of overlayNames()) {
      for (const topic of ofKind(objectsOf(overlay), 'KafkaTopic')) {
        expect(topic.spec.partitions, `${overlay} ${topic.metadata.name}`).toBeGreaterThanOrEqual(
          mostReplicas,
        );
      }
    }
  });
});

describe('the validator itself', () => {
  it('rejects an unknown field and a wrong type (strict mode works offline)', () => {
    const deployment = (name: string, replicas: string, container: string) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: ${name}}`,
        'spec:',
        `  replicas: ${replicas}`,
        `  selector: {matchLabels: {app: ${name}}}`,
        '  template:',
        `    metadata: {labels: {app: ${name}}}`,
        `    spec: {containers: [${container}]}`,
      ].join('\n');
    const bad = [
      deployment('misspelt', '1', '{name: c, image: i, readinesProbe: {}}'),
      deployment('mistyped', 'two', '{name: c, image: i}'),
    ].join('\n---\n');
    const result = validateManifests(tools.kubernetesValidate, bad, '1.37');
    expect(result.exitCode).not.toBe(0);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/deployment\/misspelt.*'readinesProbe' was unexpected/);
    expect(result.errors[1]).toMatch(/deployment\/mistyped.*'two' is not of type 'integer'/);
  });
});

describe('infra/kubernetes/helm values', () => {
  const values = (file: string) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    parse(readFileSync(join(KUBERNETES_DIR, 'helm', file), 'utf8')) as any;

  it('provisions Grafana with the same datasources as infra/grafana (trace -> profile link)', () => {
    const fromHelm = values('grafana-values.yaml').datasources['datasources.yaml'].datasources;
    const fromCompose = loadDatasources().map(({ file: _file, ...datasource }) => datasource);
    const byUid = (list: Array<{ uid: string }>) =>
      list.slice().sort((a, b) => a.uid.localeCompare(b.uid));
    expect(byUid(fromHelm)).toEqual(byUid(fromCompose));
    expect(values('grafana-values.yaml')['grafana.ini'].feature_toggles.enable).toBe(
      'traceToProfiles tracesEmbeddedFlameGraph',
    );
  });

  it('has Tempo receive OTLP/HTTP where the services export, and Pyroscope push-only', () => {
    const tempo = values('tempo-values.yaml').tempo;
    expect(tempo.receivers.otlp.protocols.http.endpoint).toBe(
      `0.0.0.0:${AGREED_PORTS.TEMPO_OTLP_HTTP_PORT}`,
    );
    expect(tempo.server?.http_listen_port ?? AGREED_PORTS.TEMPO_HTTP_PORT).toBe(
      AGREED_PORTS.TEMPO_HTTP_PORT,
    );
    const pyroscope = values('pyroscope-values.yaml');
    expect(pyroscope.alloy.enabled).toBe(false);
    expect(pyroscope.pyroscope.service?.port ?? AGREED_PORTS.PYROSCOPE_PORT).toBe(
      AGREED_PORTS.PYROSCOPE_PORT,
    );
  });
});
