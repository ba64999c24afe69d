import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A second guard beside the lint rule: the domain depends on nothing but itself and @entente/common. */
const ROOT = __dirname;
// Static imports and re-exports (possibly multi-line), side-effect imports, require() and import().
const SPECIFIER =
  /^\s*(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

const specifiersOf = (source: string): string[] =>
  [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? tsFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const isSpec = (file: string): boolean => file.endsWith('.spec.ts');
const allowedEverywhere = (specifier: string): boolean =>
  specifier.startsWith('.') || specifier === '@entente/common' || specifier.startsWith('node:');
/** Specs may also use the lib through its alias, and fast-check. */
const allowedInSpecs = (specifier: string): boolean =>
  allowedEverywhere(specifier) ||
  /^@entente\/domain(\/testing)?$/.test(specifier) ||
  specifier === 'fast-check';

describe('the domain lib is pure', () => {
  const files = tsFiles(ROOT);

  it('given every .ts file of libs/domain/src, when its imports are read, then each is relative, @entente/common or a node: builtin (specs: also the lib itself and fast-check)', () => {
    const offending = files.flatMap((file) =>
      specifiersOf(readFileSync(file, 'utf8'))
        .filter((specifier) => !(isSpec(file) ? allowedInSpecs : allowedEverywhere)(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );

    expect(files.length).toBeGreaterThan(20);
    expect(offending).toEqual([]);
  });

  it('given the production sources, when scanned, then none reads the clock, randomness or the console', () => {
    const offending = files
      .filter((file) => !isSpec(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) =>
            /new Date\(\s*\)|Date\.now\(|Math\.random\(|randomUUID|console\./.test(line),
          )
          .map((line) => `${relative(ROOT, file)}: ${line.trim()}`),
      );

    expect(offending).toEqual([]);
  });

  it('given the guard, when it meets a forbidden import, then it would report it', () => {
    const sample = "import { Injectable } from '@nestjs/common';\nimport type { X } from './x';";
    const found = [...sample.matchAll(SPECIFIER)]
      .map((m) => m[1])
      .filter((s) => !allowedEverywhere(s));

    expect(found).toEqual(['@nestjs/common']);
  });
});
