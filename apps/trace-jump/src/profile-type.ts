// The one place this CLI names the profile type: the constant the services
// upload with, so the query can never drift from what is ingested.
// Note: the package root also loads the OpenTelemetry SDK (~1 s of start-up);
// a `@rideshare/otel-profiling/constants` subpath export would avoid that.
export { PROFILE_TYPE_ID } from '@rideshare/otel-profiling';
