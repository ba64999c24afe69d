import { FixedWindowThrottlerStorage } from './fixed-window-throttler.storage';

const MINUTE = 60_000;

function storageAt(start: number) {
  const clock = { now: start };
  return { clock, storage: new FixedWindowThrottlerStorage(() => clock.now) };
}

describe('FixedWindowThrottlerStorage', () => {
  it('given a limit of 3, when a tracker hits 4 times in a window, then the fourth is blocked for the block duration', async () => {
    const { storage } = storageAt(0);
    for (let i = 1; i <= 3; i++) {
      expect(await storage.increment('k', MINUTE, 3, MINUTE, 'default')).toEqual({
        totalHits: i,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    expect(await storage.increment('k', MINUTE, 3, MINUTE, 'default')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 60,
    });
  });

  it('given a blocked tracker, when it keeps asking, then its count stays and the block is not extended', async () => {
    const { clock, storage } = storageAt(0);
    for (let i = 0; i < 2; i++) await storage.increment('k', MINUTE, 1, MINUTE, 'default');
    clock.now = 30_000;
    expect(await storage.increment('k', MINUTE, 1, MINUTE, 'default')).toEqual({
      totalHits: 2,
      timeToExpire: 30,
      isBlocked: true,
      timeToBlockExpire: 30,
    });
  });

  it('given a block longer than the window, when the window ends, then the block still holds until its own end', async () => {
    const { clock, storage } = storageAt(0);
    for (let i = 0; i < 2; i++) await storage.increment('k', 1_000, 1, 5_000, 'default');
    clock.now = 2_000;
    expect(await storage.increment('k', 1_000, 1, 5_000, 'default')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 3,
    });
    clock.now = 5_000;
    expect(await storage.increment('k', 1_000, 1, 5_000, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('given a window that ended, when the tracker asks again, then it starts a new count', async () => {
    const { clock, storage } = storageAt(0);
    for (let i = 0; i < 3; i++) await storage.increment('k', MINUTE, 3, MINUTE, 'default');
    clock.now = MINUTE;
    expect(await storage.increment('k', MINUTE, 3, MINUTE, 'default')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('given two trackers or two throttlers, when one is blocked, then the others keep their own counts', async () => {
    const { storage } = storageAt(0);
    for (let i = 0; i < 2; i++) await storage.increment('a', MINUTE, 1, MINUTE, 'default');
    expect((await storage.increment('b', MINUTE, 1, MINUTE, 'default')).isBlocked).toBe(false);
    expect((await storage.increment('a', MINUTE, 1, MINUTE, 'burst')).isBlocked).toBe(false);
  });

  it('given more than 10,000 trackers whose windows ended, when a new one arrives, then the ended ones are let go', async () => {
    const { clock, storage } = storageAt(0);
    for (let i = 0; i < 10_000; i++)
      await storage.increment(`ip:${i}`, 1_000, 10, 1_000, 'default');
    clock.now = 1_000;
    await storage.increment('ip:new', 1_000, 10, 1_000, 'default');
    expect(storage.size).toBe(1);
  });
});
