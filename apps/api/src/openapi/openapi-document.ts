import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { withValidationBounds, type PluginMetadata } from '../common/openapi-bounds';
import openApiMetadata from '../openapi.metadata';
import { ANALYSIS_SCHEMAS } from './analysis.schemas';
import { CODING_SCHEMAS } from './coding.schemas';
import { EVENT_SCHEMAS } from './event.schemas';
import { OPERATIONS_SCHEMAS } from './operations.schemas';
import { PROBLEM_SCHEMAS } from './problem.schemas';
import { RELATION_SCHEMAS } from './relation.schemas';

export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** Builds the OpenAPI document from the routes' decorators, and serves it at /docs and /docs/openapi.json. */
export async function mountOpenApi(app: INestApplication): Promise<OpenAPIObject> {
  const metadata = await withValidationBounds(
    (await openApiMetadata()) as unknown as PluginMetadata,
  );
  await SwaggerModule.loadPluginMetadata(async () => metadata);
  const config = new DocumentBuilder()
    .setTitle('Entente')
    .setDescription(
      'Diplomatic facts recorded once as immutable events; relationship timelines as they were, and as they were known. ' +
        'Every failure is application/problem+json (RFC 7807) with a stable `code`.',
    )
    .setVersion('1')
    // Keys are opaque strings (API_KEYS), not tokens a client could decode: no bearerFormat.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description:
        'An API key: Authorization: Bearer <key>. Its role (reader, recorder, admin) decides what it may do.',
    })
    .addSecurity('session', {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'The browser session POST /v1/session opens: read-only, and only on GET routes.',
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...PROBLEM_SCHEMAS,
      ...EVENT_SCHEMAS,
      ...RELATION_SCHEMAS,
      ...CODING_SCHEMAS,
      ...ANALYSIS_SCHEMAS,
      ...OPERATIONS_SCHEMAS,
    },
  };
  acceptSessionsOnReads(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
  return document;
}

/** The key guard lets a session cookie stand for a key on every GET (see ApiKeyGuard's SAFE_METHODS). */
function acceptSessionsOnReads(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    const security = item.get?.security;
    // A copy: the routes of one controller share one security list.
    if (item.get && security?.some((requirement) => 'bearer' in requirement)) {
      item.get.security = [...security, { session: [] }];
    }
  }
}
