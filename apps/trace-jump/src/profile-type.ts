// The one place this CLI names the profile type: the constant the services
// upload with, so the query can never drift from what is ingested. The
// `constants` entry avoids loading the OpenTelemetry SDK into the CLI.
export { PROFILE_TYPE_ID } from '@rideshare/otel-profiling/constants';
