import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('the OpenAPI metadata', () => {
  it('given the DTOs and controllers as they are, when the Swagger metadata is generated again, then it equals the committed file', () => {
    const root = join(__dirname, '..', '..');
    expect(() =>
      execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/openapi-metadata.ts', '--check'],
        {
          cwd: root,
          stdio: 'pipe',
        },
      ),
    ).not.toThrow();
  });
});
