import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * Small builders for the response schemas (OpenAPI 3.0 schema objects): the answers are plain objects
 * built by view functions, so their shapes are written here once, beside the routes, rather than as
 * classes that nothing would instantiate.
 */
export type Schema = SchemaObject | ReferenceObject;

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
export const str = (description?: string): SchemaObject => ({ type: 'string', description });
export const instant = (description?: string): SchemaObject => ({
  type: 'string',
  format: 'date-time',
  description,
});
export const int = (description?: string): SchemaObject => ({ type: 'integer', description });
export const num = (description?: string): SchemaObject => ({ type: 'number', description });
export const bool = (description?: string): SchemaObject => ({ type: 'boolean', description });
export const oneOf = (values: readonly string[], description?: string): SchemaObject => ({
  type: 'string',
  enum: [...values],
  description,
});
export const list = (items: Schema, description?: string): SchemaObject => ({
  type: 'array',
  items,
  description,
});
export const mapOf = (values: Schema, description?: string): SchemaObject => ({
  type: 'object',
  additionalProperties: values,
  description,
});

/** `null` or the schema; a reference is wrapped, as OpenAPI 3.0 ignores siblings of `$ref`. */
export function orNull(schema: Schema): SchemaObject {
  if ('$ref' in schema) return { nullable: true, allOf: [schema] };
  return { ...schema, nullable: true };
}

/**
 * An object whose `required` members are always present (possibly null) and whose `optional` members
 * appear only in some answers. Other members are not forbidden: a client ignores what it does not know.
 */
export function shape(
  required: Record<string, Schema>,
  optional: Record<string, Schema> = {},
  description?: string,
): SchemaObject {
  return {
    type: 'object',
    description,
    required: Object.keys(required),
    properties: { ...required, ...optional },
  };
}
