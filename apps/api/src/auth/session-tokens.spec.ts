import { ManualClock } from '@entente/common';
import { SessionTokens } from './session-tokens';

const MINUTE = 60_000;

function tokensAt(start = '2025-11-12T09:00:00.000Z') {
  const clock = new ManualClock(new Date(start));
  return { clock, tokens: new SessionTokens(clock, 15 * 60) };
}

describe('SessionTokens', () => {
  it('given a session opened for an admin key, when its token is verified, then it reads as a reader of that name', () => {
    const { tokens } = tokensAt();
    const session = tokens.open('ops');
    expect(tokens.verify(session.token)).toEqual({
      token: session.token,
      principal: { role: 'reader', name: 'ops' },
      expiresAt: new Date('2025-11-12T09:15:00.000Z'),
      since: new Date('2025-11-12T09:00:00.000Z'),
    });
  });

  it('given a token, when its time is up, then it is refused', () => {
    const { clock, tokens } = tokensAt();
    const session = tokens.open('reader');
    clock.advance(15 * MINUTE - 1);
    expect(tokens.verify(session.token)).toBeDefined();
    clock.advance(1);
    expect(tokens.verify(session.token)).toBeUndefined();
  });

  it('given a token from another process (another secret), or altered, then it is refused', () => {
    const { tokens } = tokensAt();
    const other = tokensAt().tokens.open('reader');
    expect(tokens.verify(other.token)).toBeUndefined();
    const mine = tokens.open('reader');
    expect(tokens.verify(`${mine.token}x`)).toBeUndefined();
    expect(tokens.verify(`${mine.token}.extra`)).toBeUndefined();
    expect(tokens.verify('')).toBeUndefined();
  });

  it('given renewals every 10 minutes, when 12 hours have passed since the key was given, then the session ends', () => {
    const { clock, tokens } = tokensAt();
    let session = tokens.open('reader');
    for (let i = 0; i < 71; i++) {
      clock.advance(10 * MINUTE);
      session = tokens.renew(session)!;
      expect(session.since).toEqual(new Date('2025-11-12T09:00:00.000Z'));
    }
    // The last renewal ends at the maximum age rather than 15 minutes later.
    expect(session.expiresAt).toEqual(new Date('2025-11-12T21:00:00.000Z'));
    clock.advance(10 * MINUTE);
    expect(tokens.renew(session)).toBeUndefined();
  });
});
