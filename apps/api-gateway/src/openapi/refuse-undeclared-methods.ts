import { HttpException } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ErrorBody } from '@rideshare/contracts';

interface MethodRequest {
  method: string;
  path: string;
}
interface AllowResponse {
  setHeader(name: string, value: string): unknown;
}
type Next = (error?: unknown) => void;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `/v1/rides/{id}/complete` -> a regex matching `/v1/rides/<one segment>/complete`. */
function pathPattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * 405 with `Allow` for a method the document does not declare on a path it does declare
 * (`TRACE /v1/rides`, `DELETE /v1/rides/{id}`), as JSON like every error. The document is the
 * list of routes, so the two cannot disagree. HEAD is allowed wherever GET is.
 */
export function refuseUndeclaredMethods(document: OpenAPIObject) {
  const routes = Object.entries(document.paths).map(([template, item]) => {
    const methods = HTTP_METHODS.filter((method) => method in item).map((m) => m.toUpperCase());
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    return { pattern: pathPattern(template), methods };
  });
  return (request: MethodRequest, response: AllowResponse, next: Next): void => {
    const route = routes.find(({ pattern }) => pattern.test(request.path));
    if (!route || route.methods.includes(request.method)) return next();
    response.setHeader('Allow', route.methods.join(', '));
    const body: ErrorBody = {
      statusCode: 405,
      error: 'Method Not Allowed',
      message: `${request.method} is not allowed on ${request.path}; allowed: ${route.methods.join(', ')}`,
      issues: [],
    };
    next(new HttpException(body, 405));
  };
}
