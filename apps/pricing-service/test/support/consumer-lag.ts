import { waitFor } from '@rideshare/service-kit/testing';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Waits until the consumer group has committed every message of `topics`, i.e. it has
 * nothing left to write. A fresh group reads the topics from the beginning, so it may
 * still be applying messages produced by earlier test files.
 */
export async function waitForConsumerCaughtUp(
  brokers: string,
  groupId: string,
  topics: string[],
): Promise<void> {
  const admin = new Kafka({
    clientId: 'test-lag',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        const committed = await admin.fetchOffsets({ groupId, topics });
        for (const { topic, partitions } of committed) {
          const ends = await admin.fetchTopicOffsets(topic);
          for (const end of ends) {
            const done = partitions.find((p) => p.partition === end.partition);
            const committedOffset = Number(done?.offset ?? -1);
            if (Number(end.high) > 0 && committedOffset < Number(end.high)) return false;
          }
        }
        return true;
      },
      { description: `consumer group ${groupId} caught up`, timeoutMs: 30_000, intervalMs: 200 },
    );
  } finally {
    await admin.disconnect();
  }
}
