/**
 * The Pyroscope profile type the uploaded CPU profiles land as:
 * `<__name__>:<sample type>:<sample unit>:<period type>:<period unit>`.
 * It must equal the `profileTypeId` of Grafana's Tempo datasource
 * `tracesToProfiles` provisioning.
 */
export const PROFILE_TYPE_ID = 'process_cpu:cpu:nanoseconds:cpu:nanoseconds';

/** Series name (`__name__`) sent with every profile; the first part of PROFILE_TYPE_ID. */
export const PROFILE_NAME = 'process_cpu';

/** Span attribute that makes Grafana show the "profiles for this span" link. */
export const PROFILE_ID_ATTRIBUTE = 'pyroscope.profile.id';

/** pprof sample label names (string labels) understood by Pyroscope. */
export const SPAN_ID_LABEL = 'span_id';
export const SPAN_NAME_LABEL = 'span_name';
export const TRACE_ID_LABEL = 'trace_id';

/** Pyroscope's Connect push endpoint, relative to the server address. */
export const PYROSCOPE_PUSH_PATH = '/push.v1.PusherService/Push';
