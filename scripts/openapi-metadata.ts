/**
 * Writes `apps/api/src/openapi.metadata.ts`: what the Swagger plugin reads from the DTOs and controllers
 * (types, optionality, doc comments), so that the OpenAPI document is the same whichever compiler built
 * the code (`nest build`, or ts-jest in the tests, which runs no compiler plugins). The validators' bounds
 * are added at run time (`openapi-bounds.ts`). Run after changing a DTO or a controller:
 *
 *   npm run openapi:metadata            writes the file
 *   npm run openapi:metadata -- --check exits 1 when the committed file is stale
 */
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The generator reads its tsconfig relative to the working directory, which must be the workspace.
process.chdir(resolve(__dirname, '..'));
const source = resolve('apps', 'api', 'src');
const target = 'openapi.metadata.ts';
const check = process.argv.includes('--check');
const filename = check ? 'openapi.metadata.check.ts' : target;

new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      classValidatorShim: true,
      dtoFileNameSuffix: [
        '.dto.ts',
        '.query.ts',
        '-query.ts',
        '.controller.ts',
        'export-format.ts',
      ],
      pathToSource: source,
    }),
  ],
  outputDir: source,
  filename,
  tsconfigPath: 'apps/api/tsconfig.app.json',
  printDiagnostics: false,
});

// The generator writes dynamic imports; Jest runs CommonJS without VM modules, and the loader awaits
// whatever it is given, so a plain require serves both it and `nest build`.
const written = join(source, filename);
const text = readFileSync(written, 'utf8').replace(/\bimport\((".+?")\)/g, 'require($1)');
if (check) {
  rmSync(written);
  if (text !== readFileSync(join(source, target), 'utf8')) {
    process.stderr.write(`apps/api/src/${target} is stale: run npm run openapi:metadata\n`);
    process.exit(1);
  }
} else {
  writeFileSync(written, text);
}
