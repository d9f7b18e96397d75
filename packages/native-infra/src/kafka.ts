import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { prepareDataDir } from './data-dir';
import { onProcessExit } from './exit-cleanup';
import { findJava } from './java';
import { kafkaLibsDir } from './kafka-classpath';
import { kafkaServerProperties } from './kafka-config';
import { logTail } from './log-tail';
import { startManagedProcess, type ManagedProcess } from './managed-process';
import { assertPortFree, findFreePort, LOOPBACK } from './ports';

const execFileAsync = promisify(execFile);

const LOG4J2_CONFIG = path.join(__dirname, '..', 'resources', 'log4j2.properties');
const JVM_OPTIONS = [
  '-Xmx512m',
  '-Xms256m',
  // C1 only: starts in about half the time and leaves the CPU to the services; a test or demo
  // broker never needs C2's peak throughput.
  '-XX:TieredStopAtLevel=1',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];
const READY_TIMEOUT_MS = 60_000;
const KAFKA_PORT_HINT =
  'is another Kafka running? stop it or choose another port (CLI: --kafka-port)';
const STOP_TIMEOUT_MS = 30_000;

export interface KafkaOptions {
  /** PLAINTEXT port on 127.0.0.1; a free one when omitted. The controller gets another free port. */
  port?: number;
  /** Directory for the broker's config, log segments and log; a temp dir when omitted. */
  dataDir?: string;
}

export interface RunningKafka {
  /** 127.0.0.1:<port>, the value for KAFKA_BROKERS. */
  brokers: string;
  port: number;
  dataDir: string;
  /** Stops the broker (SIGTERM, SIGKILL after 30 s). Topics and messages are kept: start() resumes. */
  stop(): Promise<void>;
  /** Starts the stopped broker again: same data, same ports. No-op while it runs. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the broker and removes the data dir; the handle is unusable afterwards. */
  destroy(): Promise<void>;
}

interface Broker {
  java: string;
  libs: string;
  dataDir: string;
  configFile: string;
  logFile: string;
  port: number;
  controllerPort: number;
}

function javaArgs(broker: Broker, mainClass: string, args: string[]): string[] {
  return [
    ...JVM_OPTIONS,
    `-Dlog4j2.configurationFile=${LOG4J2_CONFIG}`,
    '-cp',
    path.join(broker.libs, '*'),
    mainClass,
    ...args,
  ];
}

/**
 * A KRaft cluster id: 16 random bytes, base64url without padding (as `kafka-storage random-uuid`).
 * Like Kafka's own, never starting with '-': the storage tool would read it as an option.
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatStorage(broker: Broker): Promise<void> {
  const args = javaArgs(broker, 'kafka.tools.StorageTool', [
    'format',
    '--cluster-id',
    newClusterId(),
    '--config',
    broker.configFile,
    '--standalone',
  ]);
  try {
    await execFileAsync(broker.java, args, { cwd: broker.dataDir, timeout: 120_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `formatting Kafka storage in ${broker.dataDir} failed:\n${stderr || stdout || String(error)}`,
      { cause: error },
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True once the broker answers a metadata request listing itself (it is registered and unfenced). */
async function brokerAnswers(brokers: string): Promise<boolean> {
  const client = new Kafka({
    clientId: 'native-infra-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = client.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function waitUntilReady(broker: Broker, server: ManagedProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const brokers = `${LOOPBACK}:${broker.port}`;
  while (Date.now() < deadline) {
    if (!server.isRunning()) {
      throw new Error(`Kafka exited during start-up.\n${logTail(broker.logFile)}`);
    }
    if (await brokerAnswers(brokers)) return;
    await sleep(250);
  }
  await server.stop('SIGKILL', STOP_TIMEOUT_MS);
  throw new Error(
    `Kafka did not become ready within ${READY_TIMEOUT_MS / 1000} s.\n${logTail(broker.logFile)}`,
  );
}

async function assertPortsFree(port: number, controllerPort: number): Promise<void> {
  await assertPortFree(port, 'Kafka', KAFKA_PORT_HINT);
  await assertPortFree(controllerPort, 'Kafka controller', 'taken since the broker first started');
}

async function findControllerPort(brokerPort: number): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (port !== brokerPort) return port;
  }
}

/** Starts a single-node KRaft Kafka broker on 127.0.0.1 (Java 17+, jars fetched by infra/native/kafka). */
export async function startKafka(options: KafkaOptions = {}): Promise<RunningKafka> {
  const [java, libs] = await Promise.all([findJava(), kafkaLibsDir()]);
  if (options.port !== undefined) {
    await assertPortFree(options.port, 'Kafka', KAFKA_PORT_HINT);
  }
  const port = options.port ?? (await findFreePort());
  const controllerPort = await findControllerPort(port);
  const dir = prepareDataDir(options.dataDir, 'kafka');
  const broker: Broker = {
    java,
    libs,
    dataDir: dir.path,
    configFile: path.join(dir.path, 'server.properties'),
    logFile: path.join(dir.path, 'kafka.log'),
    port,
    controllerPort,
  };
  const cancelCleanup = onProcessExit(() => {
    if (dir.temporary) dir.remove();
  });

  let server: ManagedProcess | undefined;
  const startServer = async (): Promise<void> => {
    if (server?.isRunning()) return;
    server = startManagedProcess({
      command: java,
      args: javaArgs(broker, 'kafka.Kafka', [broker.configFile]),
      cwd: dir.path,
      logFile: broker.logFile,
      orphanSignal: 'SIGKILL',
    });
    await waitUntilReady(broker, server);
  };
  const stopServer = async (): Promise<void> => {
    await server?.stop('SIGTERM', STOP_TIMEOUT_MS);
  };

  try {
    fs.writeFileSync(
      broker.configFile,
      kafkaServerProperties({ port, controllerPort, logDir: path.join(dir.path, 'logs') }),
    );
    await formatStorage(broker);
    await startServer();
  } catch (error) {
    await stopServer().catch(() => undefined);
    dir.remove();
    cancelCleanup();
    throw error;
  }

  let destroyed = false;
  const assertUsable = (): void => {
    if (destroyed)
      throw new Error('this Kafka broker was destroyed and its data removed; start a new one');
  };
  return {
    brokers: `${LOOPBACK}:${port}`,
    port,
    dataDir: dir.path,
    stop: stopServer,
    async start() {
      assertUsable();
      if (server?.isRunning()) return;
      await assertPortsFree(port, controllerPort);
      await startServer();
    },
    async restart() {
      assertUsable();
      await stopServer();
      await assertPortsFree(port, controllerPort);
      await startServer();
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await stopServer();
      dir.remove();
      cancelCleanup();
    },
  };
}
