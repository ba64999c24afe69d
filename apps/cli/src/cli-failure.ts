import { Logger } from '@nestjs/common';

/** Exit code of a command that could not run at all (bad arguments, unreadable input, a locked store). */
export const EXIT_CANNOT_RUN = 2;

/** A one-line message on stderr for the user; the stack only at debug. */
export function reportFailure(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const line =
    code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR'
      ? `cannot read ${(error as NodeJS.ErrnoException).path ?? 'the input'}: ${code}`
      : message.split('\n')[0];
  process.stderr.write(`entente: ${line}\n`);
  new Logger('entente').debug?.((error as Error)?.stack ?? message);
  return EXIT_CANNOT_RUN;
}
