/**
 * The subscribers of scenario 5, in their own process (started with an IPC channel):
 *   node --import tsx bench/load/sse-subscribers.child.ts <url with path and filter> <reader key> <count>
 * Opens `count` server-sent-event connections, says { kind: 'ready', connected } once all answered, and
 * records when each `event: event` message arrives at each subscriber (its `id:`, the position). Told
 * { kind: 'acks', file } (a JSON list of { position, ackMs } from the recorder), it says { kind: 'result' }
 * with the latencies from acknowledgement to delivery and what is missing, and exits.
 *
 * Clock: performance.timeOrigin + performance.now(), in milliseconds, as in the recorder: both processes
 * run on one machine, and timeOrigin is the wall clock at each process's start.
 */
import { request, type IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';
import { percentile } from '../harness/stats';

export interface FanOutResult {
  readonly kind: 'result';
  readonly subscribers: number;
  readonly connected: number;
  /** Subscribers whose stream ended or failed before the end. */
  readonly dropped: number;
  readonly events: number;
  /** Per event: acknowledgement to delivery at the last of the subscribers. */
  readonly allDelivered: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Per (event, subscriber) delivery. */
  readonly delivery: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Acknowledged events some subscriber never received (counted per subscriber). */
  readonly missing: number;
  readonly duplicates: number;
}

interface Subscriber {
  readonly positions: number[];
  readonly times: number[];
  remainder: string;
  connected: boolean;
  ended: boolean;
}

const MARK = 'event: event\nid: ';
const now = () => performance.timeOrigin + performance.now();

function subscribe(url: URL, key: string, subscriber: Subscriber, onOpen: () => void): void {
  const req = request(
    url,
    { agent: false, headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' } },
    (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        subscriber.ended = true;
        res.resume();
        onOpen();
        return;
      }
      subscriber.connected = true;
      onOpen();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = now();
        const text = subscriber.remainder + chunk;
        const end = text.lastIndexOf('\n\n');
        if (end < 0) {
          subscriber.remainder = text;
          return;
        }
        subscriber.remainder = text.slice(end + 2);
        for (let i = text.indexOf(MARK); i >= 0 && i < end; i = text.indexOf(MARK, i + 1)) {
          const from = i + MARK.length;
          const newline = text.indexOf('\n', from);
          subscriber.positions.push(Number(text.slice(from, newline)));
          subscriber.times.push(at);
        }
      });
      res.on('end', () => (subscriber.ended = true));
      res.on('error', () => (subscriber.ended = true));
    },
  );
  req.on('error', () => {
    subscriber.ended = true;
    onOpen();
  });
  req.end();
}

function summarise(subscribers: readonly Subscriber[], file: string): FanOutResult {
  const acks = JSON.parse(readFileSync(file, 'utf8')) as { position: number; ackMs: number }[];
  const ackAt = new Map(acks.map((a) => [a.position, a.ackMs]));
  const lastDelivery = new Map<number, number>();
  const delivery: number[] = [];
  let missing = 0;
  let duplicates = 0;
  for (const s of subscribers) {
    const seen = new Set<number>();
    s.positions.forEach((position, i) => {
      const ack = ackAt.get(position);
      if (ack === undefined) return;
      if (seen.has(position)) {
        duplicates++;
        return;
      }
      seen.add(position);
      delivery.push(s.times[i] - ack);
      lastDelivery.set(position, Math.max(lastDelivery.get(position) ?? -Infinity, s.times[i]));
    });
    missing += acks.length - seen.size;
  }
  const all = acks.map((a) => (lastDelivery.get(a.position) ?? Infinity) - a.ackMs);
  const delivered = all.filter(Number.isFinite);
  const stats = (values: number[]) => ({
    p50: percentile(values, 50) ?? NaN,
    p99: percentile(values, 99) ?? NaN,
    max: percentile(values, 100) ?? NaN,
  });
  return {
    kind: 'result',
    subscribers: subscribers.length,
    connected: subscribers.filter((s) => s.connected).length,
    dropped: subscribers.filter((s) => s.ended).length,
    events: acks.length,
    // An event some subscriber never got counts as never delivered to all (Infinity sorts last).
    allDelivered: stats(delivered.length === all.length ? all : [...delivered, Infinity]),
    delivery: stats(delivery),
    missing,
    duplicates,
  };
}

function main(): void {
  const [url, key, count] = process.argv.slice(2);
  const subscribers: Subscriber[] = Array.from({ length: Number(count) }, () => ({
    positions: [],
    times: [],
    remainder: '',
    connected: false,
    ended: false,
  }));
  let answered = 0;
  const target = new URL(url);
  for (const subscriber of subscribers) {
    subscribe(target, key, subscriber, () => {
      if (++answered === subscribers.length) {
        process.send!({ kind: 'ready', connected: subscribers.filter((s) => s.connected).length });
      }
    });
  }
  process.on('message', (message: { kind: string; file: string }) => {
    if (message.kind !== 'acks') return;
    process.send!(summarise(subscribers, message.file), () => process.exit(0));
  });
}

main();
