/**
 * Runs `declare` (a contract's describe) with the named tests turned into `it.skip`, their reason in the
 * skipped test's title. jest collects tests synchronously, so swapping the global `it` for the duration of
 * the call is enough.
 */
export function withKnownDeviations(deviations: Record<string, string>, declare: () => void): void {
  const original = globalThis.it;
  const patched = ((name: string, ...rest: unknown[]) => {
    const reason = deviations[name];
    if (reason) return original.skip(`${name} [skipped on EventStoreDB: ${reason}]`, () => {});
    return (original as (...args: unknown[]) => unknown)(name, ...rest);
  }) as unknown as jest.It;
  Object.assign(patched, original);
  globalThis.it = patched;
  try {
    declare();
  } finally {
    globalThis.it = original;
  }
}
