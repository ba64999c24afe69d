import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord } from './in-memory-log';

/** The server's page size for subscriptions and its default search window. */
export const DEFAULT_READ_BATCH_SIZE = 32;

export interface ServerFilter {
  matches(record: LogRecord): boolean;
  /** How many events a catch-up page may consider. */
  readonly maxSearchWindow: number;
  /** How many considered events between two checkpoints: multiplier times window. */
  readonly checkpointInterval: number;
}

/** Event-type or stream-name filters, by prefixes or by one regular expression, as the server has them. */
export function serverFilter(options: ReadReq.Options.FilterOptions): ServerFilter {
  const onType = options.hasEventType();
  const expression = onType ? options.getEventType() : options.getStreamIdentifier();
  if (!expression) throw new Error('a filter needs an expression');
  const regex = expression.getRegex();
  const prefixes = expression.getPrefixList();
  const test = regex
    ? (value: string) => new RegExp(regex).test(value)
    : (value: string) => prefixes.some((prefix) => value.startsWith(prefix));
  const maxSearchWindow = options.hasMax() ? options.getMax() : DEFAULT_READ_BATCH_SIZE;
  const multiplier = options.getCheckpointintervalmultiplier();
  if (multiplier < 1) throw new Error('CheckpointIntervalMultiplier must be at least 1');
  return {
    matches: (record) => test(onType ? record.type : record.stream),
    maxSearchWindow,
    checkpointInterval: multiplier * maxSearchWindow,
  };
}
