import fs from 'node:fs';
import { Kafka, logLevel, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { startKafka, type RunningKafka } from '../src';

const TOPIC = 'native-infra.test';

describe('startKafka', () => {
  let kafka: RunningKafka | undefined;
  let client: Kafka;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  const received: KafkaMessage[] = [];

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await kafka?.destroy();
  });

  /** A new producer that sends one message. */
  async function sendOne(key: string, value: string): Promise<void> {
    producer = client.producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ key, value }] });
  }

  /** The test's consumer group, from the beginning, collecting into `received`. */
  async function consumeIntoReceived(): Promise<void> {
    consumer = client.consumer({ groupId: 'native-infra-test', maxWaitTimeInMs: 250 });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(message);
      },
    });
  }

  async function nextMessage(count: number): Promise<KafkaMessage> {
    await expect
      .poll(() => received.length, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(count);
    return received[count - 1]!;
  }

  it('starts a broker that creates topics and carries messages', async () => {
    kafka = await startKafka();
    expect(kafka.brokers).toBe(`127.0.0.1:${kafka.port}`);
    client = new Kafka({
      clientId: 'native-infra-test',
      brokers: [kafka.brokers],
      logLevel: logLevel.NOTHING,
    });

    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: 1 }],
      waitForLeaders: true,
    });
    await admin.disconnect();

    await sendOne('ride-1', 'first');
    await consumeIntoReceived();
    const first = await nextMessage(1);
    expect(first.key?.toString()).toBe('ride-1');
    expect(first.value?.toString()).toBe('first');
  });

  it('stop() and start() resume the same broker with its topics and messages', async () => {
    await consumer!.disconnect();
    await producer!.disconnect();
    await kafka!.stop();
    await kafka!.start();

    const admin = client.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain(TOPIC);
    await admin.disconnect();

    await sendOne('ride-2', 'second');
    // Same group: it resumes after the committed first message.
    await consumeIntoReceived();
    const second = await nextMessage(2);
    expect(second.value?.toString()).toBe('second');
    expect(received.map((message) => message.value?.toString())).toEqual(['first', 'second']);
  });

  it('destroy() stops the broker and removes its data dir', async () => {
    await consumer!.disconnect();
    await producer!.disconnect();
    consumer = producer = undefined;
    const { dataDir } = kafka!;
    expect(fs.existsSync(`${dataDir}/logs`)).toBe(true);
    await kafka!.destroy();
    kafka = undefined;
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
