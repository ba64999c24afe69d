/**
 * Remembers a pure function's answers: coded files name the same few thousand actors and countries in
 * millions of rows. Bounded: past `limit` entries it starts over, so memory stays flat on any input.
 */
export function memoized<A, R>(fn: (arg: A) => R, limit = 50_000): (arg: A) => R {
  let cache = new Map<A, R>();
  return (arg) => {
    const known = cache.get(arg);
    if (known !== undefined || cache.has(arg)) return known as R;
    const answer = fn(arg);
    if (cache.size >= limit) cache = new Map();
    cache.set(arg, answer);
    return answer;
  };
}
