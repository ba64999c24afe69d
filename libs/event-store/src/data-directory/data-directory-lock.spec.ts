import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirectoryLockedError, lockDataDirectory } from './data-directory-lock';

describe('lockDataDirectory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'entente-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a directory taken, when it is taken again, then the refusal names the holder, and once released it can be taken', () => {
    const first = lockDataDirectory(dir, 'first server');
    try {
      lockDataDirectory(dir, 'second server');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DataDirectoryLockedError);
      expect((error as DataDirectoryLockedError).holder).toMatchObject({
        pid: process.pid,
        command: 'first server',
      });
      expect((error as Error).message).toContain(`process ${process.pid}`);
    }
    first.release();
    first.release();
    lockDataDirectory(dir, 'second server').release();
  });

  it('given a directory that does not exist yet, when it is taken, then it is made', () => {
    const lock = lockDataDirectory(join(dir, 'a', 'b'));
    expect(lock.dir).toBe(join(dir, 'a', 'b'));
    lock.release();
  });
});
