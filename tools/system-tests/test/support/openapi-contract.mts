import type { ValidateFunction } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { createGeneratorSync } from 'json-schema-faker';

// Both are CommonJS modules with a default export.
const Ajv = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
type Ajv = InstanceType<typeof Ajv>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Link {
  operationId: string;
  parameters: Record<string, string>;
}
interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: Schema }>; links?: Record<string, Link> }
  >;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  id: string;
  method: string;
  /** e.g. `/v1/rides/{id}` */
  path: string;
  parameters: Parameter[];
  bodySchema: Schema | undefined;
  statuses: string[];
  links: (status: number) => Link[];
}

export interface ApiRequest {
  operation: Operation;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  body: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The gateway's published OpenAPI document as a test oracle: its operations, requests generated
 * from their declared parameter and body schemas (json-schema-faker), and a check that an answer
 * conforms (documented status, JSON content type, body valid against the documented schema, ajv).
 */
export class OpenApiContract {
  readonly operations: Operation[];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly generator: { generate(schema: Schema): unknown };

  constructor(
    private readonly document: OpenApiDocument,
    seed: number,
  ) {
    // OpenAPI 3.0 schemas are draft-04 style (boolean exclusiveMinimum) plus `nullable`, which
    // ajv understands; patterns are ECMA-262 in Unicode mode.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: document.components }, 'openapi');
    this.generator = createGeneratorSync({ seed, alwaysFakeOptionals: false });
    this.operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => METHODS.includes(method))
          .map(([method, operation]) => this.toOperation(path, method, operation)),
      );
  }

  operation(id: string): Operation {
    const found = this.operations.find((operation) => operation.id === id);
    if (!found) throw new Error(`the document has no operation ${id}`);
    return found;
  }

  /** The methods the document lists for a path, upper case. */
  methodsOf(path: string): string[] {
    return Object.keys(this.document.paths[path] ?? {})
      .filter((method) => METHODS.includes(method))
      .map((method) => method.toUpperCase());
  }

  /** A request valid by the document: every parameter and the body generated from their schemas. */
  validRequest(operation: Operation, fixed: Record<string, string> = {}): ApiRequest {
    const request: ApiRequest = {
      operation,
      pathParams: {},
      query: {},
      headers: {},
      body: undefined,
    };
    for (const parameter of operation.parameters) {
      if (parameter.name in fixed) {
        this.place(request, parameter, fixed[parameter.name]!);
        continue;
      }
      // Optional parameters are sent about half of the time.
      if (!parameter.required && this.generator.generate({ type: 'boolean' }) === false) continue;
      this.place(request, parameter, String(this.generate(parameter.schema)));
    }
    if (operation.bodySchema) request.body = this.generate(operation.bodySchema);
    return request;
  }

  /**
   * Requests that break exactly one constraint the document declares, one per constraint: every
   * body field (missing if required, wrong type, beyond its range or length, NUL in text, outside
   * its enum), an unknown field in every object, every parameter likewise.
   */
  invalidRequests(operation: Operation): Array<{ broken: string; request: ApiRequest }> {
    const result: Array<{ broken: string; request: ApiRequest }> = [];
    const valid = () => this.validRequest(operation);
    for (const parameter of operation.parameters) {
      for (const { broken, value } of breaking(parameter.schema, parameter.required ?? false)) {
        if (!expressibleIn(parameter.in, broken, value)) continue;
        const request = valid();
        const target =
          parameter.in === 'path'
            ? request.pathParams
            : parameter.in === 'query'
              ? request.query
              : request.headers;
        if (value === undefined) delete target[parameter.name];
        else target[parameter.name] = String(value);
        result.push({ broken: `${parameter.in} ${parameter.name}: ${broken}`, request });
      }
    }
    if (operation.bodySchema) {
      const walk = (schema: Schema, path: string[], required: boolean) => {
        const resolved = this.resolve(schema);
        for (const { broken, value } of breaking(resolved, required)) {
          const request = valid();
          request.body = withValue(request.body, path, value);
          result.push({ broken: `body ${path.join('.') || '(root)'}: ${broken}`, request });
        }
        const properties = (resolved.properties ?? {}) as Record<string, Schema>;
        const requiredNames = (resolved.required ?? []) as string[];
        for (const [name, child] of Object.entries(properties))
          walk(child, [...path, name], requiredNames.includes(name));
      };
      walk(operation.bodySchema, [], true);
    }
    return result;
  }

  private resolve(schema: Schema): Schema {
    const ref = schema.$ref as string | undefined;
    if (!ref) return schema;
    return this.document.components.schemas[ref.replace('#/components/schemas/', '')]!;
  }

  /** Generates a value of a schema that may refer to `#/components/schemas/...`. */
  generate(schema: Schema): unknown {
    return this.generator.generate({ ...schema, components: this.document.components });
  }

  /** Everything about an answer the document does not allow; empty when it conforms. */
  violations(operation: Operation, answer: ApiAnswer): string[] {
    const where = `${operation.method.toUpperCase()} ${operation.path} -> ${answer.status}`;
    const status = String(answer.status);
    if (!operation.statuses.includes(status))
      return [`${where}: status not documented (documented: ${operation.statuses.join(', ')})`];
    if (!/^application\/json\b/.test(answer.contentType))
      return [
        `${where}: content type ${answer.contentType || '(none)'} instead of application/json`,
      ];
    const validate = this.responseValidator(operation, status);
    if (validate && !validate(answer.body))
      return [
        `${where}: body ${JSON.stringify(answer.body)} ${this.ajv.errorsText(validate.errors)}`,
      ];
    return [];
  }

  private place(request: ApiRequest, parameter: Parameter, value: string): void {
    const target =
      parameter.in === 'path'
        ? request.pathParams
        : parameter.in === 'query'
          ? request.query
          : request.headers;
    target[parameter.name] = value;
  }

  private responseValidator(operation: Operation, status: string): ValidateFunction | undefined {
    const key = `${operation.id} ${status}`;
    if (!this.validators.has(key)) {
      const schema =
        this.document.paths[operation.path]![operation.method]!.responses[status]?.content?.[
          'application/json'
        ]?.schema;
      if (!schema) return undefined;
      // Component references resolve inside the schema registered as `openapi`.
      const resolvable = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'),
      ) as Schema;
      this.validators.set(key, this.ajv.compile(resolvable));
    }
    return this.validators.get(key);
  }

  private toOperation(path: string, method: string, operation: OperationObject): Operation {
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    return {
      id: operation.operationId,
      method,
      path,
      parameters: operation.parameters ?? [],
      bodySchema,
      statuses: Object.keys(operation.responses),
      links: (status) => Object.values(operation.responses[String(status)]?.links ?? {}),
    };
  }
}

/** Values that break one keyword of a schema each (`undefined` = leave the value out). */
function breaking(schema: Schema, required: boolean): Array<{ broken: string; value: unknown }> {
  const out: Array<{ broken: string; value: unknown }> = [];
  if (required) out.push({ broken: 'missing', value: undefined });
  if (schema.type === 'object') {
    out.push({ broken: 'not an object', value: null });
    out.push({ broken: 'an unknown field', value: UNKNOWN_FIELD });
  }
  if (schema.type === 'string') {
    out.push({ broken: 'not a string', value: 12 });
    if (typeof schema.maxLength === 'number')
      out.push({ broken: 'too long', value: 'x'.repeat(schema.maxLength + 1) });
    if (typeof schema.minLength === 'number' && schema.minLength > 0)
      out.push({ broken: 'too short', value: '' });
    if (typeof schema.pattern === 'string') {
      out.push({ broken: 'NUL in the text', value: 'a\u0000b' });
      out.push({ broken: 'an unpaired surrogate in the text', value: 'a\ud800b' });
    }
    if (schema.format === 'uuid') out.push({ broken: 'not a uuid', value: 'not-a-uuid' });
    if (Array.isArray(schema.enum))
      out.push({ broken: 'outside the enum', value: 'none-of-these' });
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    out.push({ broken: 'not a number', value: 'north' });
    if (typeof schema.maximum === 'number')
      out.push({ broken: 'above the maximum', value: schema.maximum + 1 });
    if (typeof schema.minimum === 'number')
      out.push({ broken: 'below the minimum', value: schema.minimum - 1 });
  }
  return out;
}

/**
 * Whether a broken value can be sent in that place at all: parameters are text (a number is not
 * "not a string"), a path without its segment is another path, a URL cannot hold an unpaired
 * surrogate and a header neither that nor NUL.
 */
function expressibleIn(place: Parameter['in'], broken: string, value: unknown): boolean {
  if (typeof value === 'object' || typeof value === 'symbol') return false;
  if (broken === 'not a string') return false;
  if (place === 'path' && broken === 'missing') return false;
  if (place !== 'query' && place !== 'path') return !/NUL|surrogate/.test(broken);
  return !/surrogate/.test(broken);
}

/** Marks "add an unknown field to this object" for `withValue`. */
const UNKNOWN_FIELD = Symbol('unknown field');

/** A copy of `root` with the value at `path` replaced (removed when `undefined`). */
function withValue(root: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) {
    if (value === UNKNOWN_FIELD) return { ...(root as object), unexpected: true };
    return value;
  }
  const copy = { ...(root as Record<string, unknown>) };
  const [head, ...rest] = path as [string, ...string[]];
  const next = withValue(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** The URL path of a request: the template with its path parameters filled in. */
export function requestPath(request: ApiRequest): string {
  const path = request.operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(request.pathParams[name] ?? ''),
  );
  const query = new URLSearchParams(request.query).toString();
  return query ? `${path}?${query}` : path;
}

/** The value a link parameter (`$response.body#/id`) takes from an answer's body. */
export function linkValue(expression: string, body: unknown): string {
  const pointer = /^\$response\.body#(\/.*)$/.exec(expression)?.[1];
  if (!pointer) throw new Error(`unsupported link expression ${expression}`);
  let value: unknown = body;
  for (const key of pointer.slice(1).split('/')) value = (value as Record<string, unknown>)[key];
  return String(value);
}
