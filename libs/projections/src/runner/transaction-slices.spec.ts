import { TransactionSlices } from './transaction-slices';

/** A clock that moves only when told: each apply below takes exactly the time it says. */
function slicesOf(sliceMs: number) {
  let now = 0;
  const slices = new TransactionSlices(sliceMs, () => now);
  const applyTaking = (events: number, ms: number) =>
    slices.measure(events, () => {
      now += ms;
      return events;
    });
  return { slices, applyTaking };
}

describe('transaction slices', () => {
  it('given nothing measured yet, when asked for a size, then it is the smallest slice, or the limit if lower', () => {
    const { slices } = slicesOf(10);
    expect([slices.size(10_000), slices.size(5)]).toEqual([16, 5]);
  });

  it('given events measured at 0.1 ms each and a slice of 10 ms, when asked for a size, then 100 events fit, within the limit', () => {
    const { slices, applyTaking } = slicesOf(10);
    applyTaking(50, 5);
    expect([slices.size(10_000), slices.size(40)]).toEqual([100, 40]);
  });

  it('given events that take 5 ms each, when asked for a size, then it never goes below the smallest slice', () => {
    const { slices, applyTaking } = slicesOf(10);
    applyTaking(16, 80);
    expect(slices.size(10_000)).toBe(16);
  });

  it('given events that got faster, when asked for a size, then it follows the average of the last measures', () => {
    const { slices, applyTaking } = slicesOf(10);
    applyTaking(100, 100); // 1 ms an event
    applyTaking(100, 20); // 0.2 ms an event: averaged with the last, 0.6 ms
    expect(slices.size(10_000)).toBe(16);
    applyTaking(100, 2); // 0.02 ms: averaged, 0.31 ms
    expect(slices.size(10_000)).toBe(32);
  });

  it('given a transaction of no events, when it is measured, then nothing is learnt from it', () => {
    const { slices, applyTaking } = slicesOf(10);
    applyTaking(0, 50);
    expect(slices.size(10_000)).toBe(16);
    expect(applyTaking(0, 1)).toBe(0);
  });
});
