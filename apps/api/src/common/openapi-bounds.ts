import { getMetadataStorage } from 'class-validator';

type PropertyMeta = Record<string, unknown>;
type Models = [unknown, Record<string, Record<string, PropertyMeta>>][];
export type PluginMetadata = { '@nestjs/swagger': { models: Models; controllers: unknown[] } };

/** class-validator rules as OpenAPI keywords; `each` rules bound the items of a list. */
const KEYWORDS: Record<string, (c: readonly unknown[]) => PropertyMeta> = {
  maxLength: ([n]) => ({ maxLength: n }),
  minLength: ([n]) => ({ minLength: n }),
  arrayMaxSize: ([n]) => ({ maxItems: n }),
  arrayMinSize: ([n]) => ({ minItems: n }),
  max: ([n]) => ({ maximum: n }),
  min: ([n]) => ({ minimum: n }),
  isIn: ([values]) => ({ enum: values }),
  isUuid: () => ({ format: 'uuid' }),
  isInt: () => ({ type: 'integer' }),
  matches: ([pattern]) => ({ pattern: (pattern as RegExp).source }),
};

/**
 * Completes the Swagger plugin's metadata with the bounds the validators enforce, read from the validators
 * themselves at run time: the plugin copies only literal arguments at compile time, and the bounds are the
 * domain's LIMITS, so the document states exactly what is enforced.
 */
export async function withValidationBounds(metadata: PluginMetadata): Promise<PluginMetadata> {
  const storage = getMetadataStorage();
  for (const [fileImport, classes] of metadata['@nestjs/swagger'].models) {
    const file = (await fileImport) as Record<string, new () => unknown>;
    for (const [name, properties] of Object.entries(classes)) {
      const rules = storage.getTargetValidationMetadatas(file[name], '', true, false);
      for (const rule of rules) {
        const keyword = rule.name
          ? KEYWORDS[rule.name.toLowerCase() === 'isuuid' ? 'isUuid' : rule.name]
          : undefined;
        const property = properties[rule.propertyName];
        if (!keyword || !property) continue;
        const bound = keyword(rule.constraints ?? []);
        if (rule.each) property.items = { ...(property.items as PropertyMeta), ...bound };
        else Object.assign(property, bound);
      }
    }
  }
  return metadata;
}
