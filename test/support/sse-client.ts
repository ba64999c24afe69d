import { get, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SseMessage {
  readonly event: string;
  readonly id: string | null;
  readonly data: unknown;
}

/**
 * A server-sent events client over plain HTTP, parsing the wire format as EventSource does (event, id,
 * data, comments), that a test can also stop reading from, to play a slow consumer.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  lastEventId: string | null = null;
  status = 0;
  ended = false;
  private request: ClientRequest | undefined;
  private response: IncomingMessage | undefined;
  private buffer = '';
  private waiters: (() => void)[] = [];

  static connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    return new Promise((resolve, reject) => {
      client.request = get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        client.response = res;
        client.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.receive(chunk));
        res.on('end', () => client.finish());
        res.on('close', () => client.finish());
        resolve(client);
      });
      client.request.on('error', (error) =>
        client.status === 0 ? reject(error) : client.finish(),
      );
    });
  }

  /** Stops reading: the server's writes pile up in its buffers, as with a client on a slow link. */
  pause(): void {
    this.response?.pause();
  }

  resume(): void {
    this.response?.resume();
  }

  close(): void {
    this.request?.destroy();
    this.finish();
  }

  async waitFor(predicate: (messages: SseMessage[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (this.ended) throw new Error(`stream ended with ${this.messages.length} messages`);
      if (Date.now() > deadline) throw new Error(`timed out with ${this.messages.length} messages`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  waitForEnd(timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => this.ended, timeoutMs).catch((error: Error) => {
      if (!this.ended) throw error;
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let boundary: number;
    while ((boundary = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, boundary);
      this.buffer = this.buffer.slice(boundary + 2);
      this.parse(block);
    }
    this.wake();
  }

  private parse(block: string): void {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (id !== null) this.lastEventId = id;
    if (data.length > 0) this.messages.push({ event, id, data: JSON.parse(data.join('\n')) });
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
