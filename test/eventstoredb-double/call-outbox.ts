import type { ServerWritableStream } from '@grpc/grpc-js';

/**
 * Writes to a server stream at the pace the client reads: the double holds back like a real node does
 * instead of buffering a whole catch-up in memory.
 */
export class CallOutbox<Message> {
  private ended = false;

  constructor(private readonly call: ServerWritableStream<unknown, Message>) {
    const end = () => (this.ended = true);
    call.once('cancelled', end);
    call.once('close', end);
    call.once('finish', end);
  }

  get closed(): boolean {
    return this.ended || this.call.cancelled || this.call.writableEnded;
  }

  async send(message: Message): Promise<void> {
    if (this.closed) return;
    if (this.call.write(message)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.call.off('drain', done);
        this.call.off('cancelled', done);
        this.call.off('close', done);
        resolve();
      };
      this.call.once('drain', done);
      this.call.once('cancelled', done);
      this.call.once('close', done);
    });
  }
}
