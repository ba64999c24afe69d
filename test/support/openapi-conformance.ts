import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface Operation {
  readonly responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
interface Route {
  readonly template: string;
  readonly pattern: RegExp;
  readonly operations: Record<string, Operation>;
}

export interface Exchange {
  readonly method: string;
  /** The path asked for, with its query if any. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$/;

/**
 * Checks answers against the OpenAPI document the app serves: the status must be documented for the
 * route, the media type among the status's, and a JSON body must match its schema (ajv, with OpenAPI
 * 3.0's `nullable` read as JSON Schema's null type, and no member the document does not name). Paths
 * the document does not list are not judged.
 */
export class Conformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: Route[];
  private readonly compiled = new Map<Json, ValidateFunction>();

  private readonly schemas: Json;

  constructor(document: Json) {
    addFormats(this.ajv);
    this.schemas = (document.components as Json).schemas as Json;
    this.ajv.addSchema({
      $id: 'openapi',
      components: { schemas: jsonSchema(merged(this.schemas, this.schemas)) },
    });
    this.routes = Object.entries(document.paths as Record<string, Record<string, Operation>>)
      .map(([template, operations]) => ({ template, pattern: patternOf(template), operations }))
      // Literal segments before parameters: /v1/events/batch is not /v1/events/{eventId}.
      .sort((a, b) => literalWeight(b.template) - literalWeight(a.template));
  }

  /** What is wrong with the answer, or undefined when it is as documented. */
  problemWith(exchange: Exchange): string | undefined {
    const method = exchange.method.toLowerCase();
    const path = exchange.url.split('?')[0];
    const route = this.routes.find((r) => r.pattern.test(path) && r.operations[method]);
    if (!route) return undefined;
    const where = `${method.toUpperCase()} ${route.template} answered ${exchange.status}`;
    const responses = route.operations[method].responses;
    const response = responses[String(exchange.status)] ?? responses.default;
    if (!response) return `${where}, a status the document does not give for it`;
    const media = (exchange.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!response.content) {
      return media && exchange.status !== 204
        ? `${where} with ${media}, but documents no body`
        : undefined;
    }
    const documented = response.content[media];
    if (!documented) {
      return `${where} with ${media || 'no media type'}, not one of ${Object.keys(response.content).join(', ')}`;
    }
    if (!JSON_MEDIA.test(media) || !documented.schema) return undefined;
    const errors = this.mismatches(documented.schema, exchange.body);
    return errors && `${where}: the body does not match its documented schema: ${errors}`;
  }

  /** How `value` breaks `schema` (a schema of the document, or a reference into it), if it does. */
  mismatches(schema: Json, value: unknown): string | undefined {
    const validate = this.validatorOf(schema);
    if (validate(value)) return undefined;
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => {
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        return `${e.instancePath || '(body)'} ${e.message}${extra ? `: ${extra}` : ''}`;
      })
      .join('; ');
  }

  private validatorOf(schema: Json): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(jsonSchema(merged(schema, this.schemas)) as Json);
      this.compiled.set(schema, validate);
    }
    return validate;
  }
}

/**
 * Each `allOf` of objects as the one object it describes: an object closed to the members it does not
 * name cannot be a part of another, so the parts are joined before the whole is closed.
 */
function merged(value: unknown, schemas: Json): unknown {
  if (Array.isArray(value)) return value.map((inner) => merged(inner, schemas));
  if (value === null || typeof value !== 'object') return value;
  const schema = Object.fromEntries(
    Object.entries(value as Json).map(([key, inner]) => [
      key,
      key === 'example' || key === 'examples' ? inner : merged(inner, schemas),
    ]),
  );
  const parts = (Array.isArray(schema.allOf) ? schema.allOf : []).map((part: Json) =>
    resolved(part, schemas),
  );
  if (parts.length < 2 || !parts.every((part) => part.type === 'object' && part.properties)) {
    return schema;
  }
  const { allOf: _parts, ...rest } = schema;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign({}, ...parts.map((part) => part.properties)),
    required: [...new Set(parts.flatMap((part) => (part.required as string[]) ?? []))],
  };
}

function resolved(schema: Json, schemas: Json): Json {
  const name = typeof schema.$ref === 'string' && schema.$ref.split('/').pop();
  return name ? (merged(schemas[name], schemas) as Json) : schema;
}

/** OpenAPI 3.0 schema objects as JSON Schema: `nullable` becomes a null type, refs point into `openapi`. */
function jsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Json;
  const converted: Json = Object.fromEntries(
    Object.entries(rest).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\//, 'openapi#/')
        : key === 'example' || key === 'examples'
          ? inner
          : jsonSchema(inner),
    ]),
  );
  // The document leaves objects open, so that a client ignores what it does not know; our own answers
  // are held to it closed: a member it does not name is one a generated client cannot see.
  if (
    converted.type === 'object' &&
    converted.properties &&
    !('additionalProperties' in converted)
  ) {
    converted.additionalProperties = false;
  }
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    return {
      ...converted,
      type: [converted.type, 'null'],
      ...(Array.isArray(converted.enum) && { enum: [...converted.enum, null] }),
    };
  }
  return { anyOf: [{ type: 'null' }, converted] };
}

function patternOf(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

const literalWeight = (template: string) => template.replace(/\{[^}]+\}/g, '').length;

const checkers = new Map<string, Conformance>();

/** The checker for the document the app at `url` serves; one per distinct document. */
export async function conformanceOf(url: string): Promise<Conformance> {
  const response = await fetch(`${url}/docs/openapi.json`);
  if (!response.ok) throw new Error(`GET /docs/openapi.json answered ${response.status}`);
  const text = await response.text();
  let checker = checkers.get(text);
  if (!checker) {
    checker = new Conformance(JSON.parse(text) as Json);
    checkers.set(text, checker);
  }
  return checker;
}
