import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';

export const DOCS_PATH = 'docs';

/** The OpenAPI document, generated from the controllers and their zod DTOs. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Rideshare public API')
    .setDescription(
      'The api-gateway is the only public service. It validates every request and forwards it to ' +
        'ride-service, pricing-service and driver-service. Errors are JSON `{ statusCode, error, message, issues }` ' +
        '(the `Error` schema), each operation lists its own. Request bodies are JSON and unknown fields are refused. ' +
        'A method not listed for a path is a 405 with an `Allow` header; an unknown path is a 404.',
    )
    .setVersion('1.0.0')
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}

/** Serves Swagger UI at `/docs` and the document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = createOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    raw: ['json'],
  });
  return document;
}
