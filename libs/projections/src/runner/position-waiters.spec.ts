import { PositionWaiters } from './position-waiters';

describe('waiting for a read model', () => {
  it('given waits for positions 3 and 5, when the read model reaches 4, then only the wait for 3 is answered, true', async () => {
    const waiters = new PositionWaiters();
    const answers: string[] = [];
    const three = waiters.forPosition(3, 60_000).then((r) => answers.push(`3:${r}`));
    const five = waiters.forPosition(5, 60_000).then((r) => answers.push(`5:${r}`));

    waiters.reached(4);
    await three;
    expect(answers).toEqual(['3:true']);

    waiters.reached(5);
    await five;
    expect(answers).toEqual(['3:true', '5:true']);
  });

  it('given a wait for a position and one to go live, when the runner stops short of it, then the first is answered false and the second rejected with the reason', async () => {
    const waiters = new PositionWaiters();
    const position = waiters.forPosition(9, 60_000);
    const live = waiters.forLive();

    waiters.settle(7, new Error('stopped'));

    await expect(position).resolves.toBe(false);
    await expect(live).rejects.toThrow('stopped');
  });

  it('given a wait with no time left, when the read model never reaches it, then it is answered false', async () => {
    await expect(new PositionWaiters().forPosition(1, 0)).resolves.toBe(false);
  });
});
