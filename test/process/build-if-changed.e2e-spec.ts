import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, type Build } from '../../scripts/build-if-changed';

/**
 * The step `npm start` takes before starting: build once, and again only when sources changed. Run on a
 * scratch project whose build script counts its runs, so the real dist/ is never touched.
 */
describe('build if changed', () => {
  let root: string;
  const builds: Build[] = [
    { script: 'build', inputs: ['src', 'tsconfig.json'], output: 'dist/api.js' },
    { script: 'build:web', inputs: ['web'], output: 'dist/web/index.html' },
  ];
  const runs = (name: string) =>
    readFileSync(join(root, 'runs.log'), 'utf8')
      .split('\n')
      .filter((l) => l === name).length;
  const build = () => ensureBuilt({ root, builds, log: () => undefined });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'entente-build-'));
    const step = (name: string, output: string) =>
      `node -e "require('fs').appendFileSync('runs.log','${name}\\\\n');require('fs').mkdirSync(require('path').dirname('${output}'),{recursive:true});require('fs').writeFileSync('${output}','x')"`;
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        scripts: {
          build: step('api', 'dist/api.js'),
          'build:web': step('web', 'dist/web/index.html'),
        },
      }),
    );
    writeFileSync(join(root, 'runs.log'), '');
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'src', 'main.ts'), 'export {};\n');
    writeFileSync(join(root, 'web', 'page.ts'), 'export {};\n');
    writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('given a fresh checkout, when started twice, then each build runs once', async () => {
    await build();
    await build();
    expect([runs('api'), runs('web')]).toEqual([1, 1]);
  });

  it('given a source of one build changed, when started, then only that build runs again', async () => {
    await build();
    appendFileSync(join(root, 'src', 'main.ts'), '// changed\n');
    await build();
    expect([runs('api'), runs('web')]).toEqual([2, 1]);
  });

  it('given only a spec or a README changed, when started, then nothing is built', async () => {
    await build();
    writeFileSync(join(root, 'src', 'main.spec.ts'), 'test\n');
    writeFileSync(join(root, 'src', 'README.md'), '# notes\n');
    await build();
    expect([runs('api'), runs('web')]).toEqual([1, 1]);
  });

  it('given the output deleted (as a clean would), when started, then it is built again', async () => {
    await build();
    rmSync(join(root, 'dist', 'web'), { recursive: true });
    await build();
    expect([runs('api'), runs('web')]).toEqual([1, 2]);
  });

  it('given two starts at once, when both find the build stale, then it runs once', async () => {
    await Promise.all([build(), build()]);
    expect([runs('api'), runs('web')]).toEqual([1, 1]);
  });
});
