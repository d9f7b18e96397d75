import {
  defaultResource,
  detectResources,
  envDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TelemetryConfig } from './config';

/**
 * service.name, service.instance.id, service.namespace, host.name and region (when set), plus
 * process attributes and OTEL_RESOURCE_ATTRIBUTES (which overrides the defaults
 * here, except for service.name, resolved with OTEL_SERVICE_NAME first).
 */
export function createResource(config: TelemetryConfig): Resource {
  const defaults = resourceFromAttributes({
    'service.namespace': config.serviceNamespace,
    'host.name': config.hostName,
    ...(config.region === undefined ? {} : { region: config.region }),
  });
  return defaultResource()
    .merge(defaults)
    .merge(detectResources({ detectors: [processDetector, envDetector] }))
    .merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: config.serviceName,
        'service.instance.id': config.serviceInstanceId,
        'service.namespace': config.serviceNamespace,
      }),
    );
}
