import { FailedAuthenticationLimiter } from './failed-authentication.limiter';

function limiterAt(start: number, limit = 3, maxAddresses = 10_000) {
  const clock = { now: start };
  return {
    clock,
    limiter: new FailedAuthenticationLimiter(limit, 60_000, () => clock.now, maxAddresses),
  };
}

describe('FailedAuthenticationLimiter', () => {
  it('given a limit of 3, when an address fails 3 times, then it is blocked until its window ends', () => {
    const { clock, limiter } = limiterAt(0);
    for (let i = 0; i < 2; i++) limiter.failed('a');
    expect(limiter.blockedFor('a')).toBe(0);
    limiter.failed('a');
    clock.now = 30_000;
    expect(limiter.blockedFor('a')).toBe(30);
    clock.now = 60_000;
    expect(limiter.blockedFor('a')).toBe(0);
  });

  it('given one address blocked, when another asks, then the other is not', () => {
    const { limiter } = limiterAt(0);
    for (let i = 0; i < 3; i++) limiter.failed('a');
    expect(limiter.blockedFor('b')).toBe(0);
  });

  it('given more addresses than it may hold, when a new one fails, then the oldest is let go and the size stays bounded', () => {
    const { clock, limiter } = limiterAt(0, 3, 100);
    for (let i = 0; i < 1_000; i++) {
      clock.now = i;
      limiter.failed(`ip:${i}`);
    }
    expect(limiter.size).toBe(100);
    for (let i = 0; i < 3; i++) limiter.failed('ip:999');
    expect(limiter.blockedFor('ip:999')).toBeGreaterThan(0);
    expect(limiter.blockedFor('ip:0')).toBe(0);
  });
});
