// Types of the values the vitest global setup provides, for `inject()` in tests:
// add "@rideshare/native-infra/vitest-provided-context" to tsconfig `types` (or reference it).
// Brings 'vitest' into the program so the augmentation below can find it.
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the PostgreSQL the global setup found or started. */
    databaseUrl: string;
    /** host:port list of the Kafka the global setup found or started. */
    kafkaBrokers: string;
  }
}
