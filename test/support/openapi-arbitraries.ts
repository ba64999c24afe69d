import fc from 'fast-check';

type Json = Record<string, unknown>;

/** What a parameter or body holds when it is well formed: the document's schema, as values. */
export function arbitraryOf(
  schema: Json,
  components: Record<string, Json>,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') {
    return arbitraryOf(components[schema.$ref.split('/').pop()!], components, depth);
  }
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.allOf))
    return arbitraryOf(merged(schema.allOf as Json[], components), components, depth);
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -5,
        max: (schema.maximum as number | undefined) ?? 5000,
      });
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: (schema.minimum as number | undefined) ?? -1e6,
        max: (schema.maximum as number | undefined) ?? 1e6,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(
        depth > 3 ? fc.constant('x') : arbitraryOf(schema.items as Json, components, depth + 1),
        {
          minLength: (schema.minItems as number | undefined) ?? 0,
          // Long enough to cross small bounds, short enough to keep thousands of requests quick.
          maxLength: Math.min(
            (schema.maxItems as number | undefined) ?? 3,
            ((schema.minItems as number | undefined) ?? 0) + 3,
          ),
        },
      );
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      if (depth > 4) return fc.constant({});
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([name, inner]) => [
            name,
            arbitraryOf(inner, components, depth + 1),
          ]),
        ),
        { requiredKeys: (schema.required ?? []) as string[] },
      );
    }
    default:
      // No type stated (the speaker is a code or an object): anything JSON.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(schema: Json): fc.Arbitrary<string> {
  const maxLength = (schema.maxLength as number | undefined) ?? 40;
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time')
    return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
  // Sometimes one past the bound, which must be refused, never stored or crashed on.
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: Math.min(maxLength, 24) }) },
    { weight: 1, arbitrary: fc.string({ minLength: maxLength + 1, maxLength: maxLength + 2 }) },
  );
}

function merged(parts: Json[], components: Record<string, Json>): Json {
  const resolved = parts.map((part) =>
    typeof part.$ref === 'string' ? components[part.$ref.split('/').pop()!] : part,
  );
  return {
    type: 'object',
    properties: Object.assign({}, ...resolved.map((p) => p.properties ?? {})),
    required: resolved.flatMap((p) => (p.required ?? []) as string[]),
  };
}

/** Anything at all: what a careless or hostile client sends instead. */
export const garbage: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '..',
    '../../etc/passwd',
    '\u0000',
    'null',
    '[]',
    '{}',
    'NaN',
    '-1',
    '1e309',
    '9'.repeat(40),
  ),
);
