import { applyDecorators, Logger, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import { IsIn, IsOptional } from 'class-validator';
import { Readable, pipeline, PassThrough } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE } from '../errors/problem-details';

export const EXPORT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MEDIA_TYPES: Readonly<Record<Exclude<ExportFormat, 'json'>, string>> = {
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
};

/** `?format=`: wins over the Accept header. */
export class FormatQueryDto {
  /** json (the default), csv or ndjson; or ask with `Accept: text/csv` or `application/x-ndjson`. */
  @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

/** The format asked for: `?format=`, else the first of ours the Accept header names, else JSON. */
export function exportFormat(
  format: ExportFormat | undefined,
  accept: string | undefined,
): ExportFormat {
  if (format) return format;
  const media = (accept ?? '').split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  for (const type of media) {
    if (type === MEDIA_TYPES.csv) return 'csv';
    if (type === MEDIA_TYPES.ndjson) return 'ndjson';
    if (type === 'application/json') return 'json';
  }
  return 'json';
}

/**
 * How one kind of answer is exported: one NDJSON line per item (the item as the JSON answer lists it)
 * and one CSV row per item, under stable, documented column names.
 */
export interface ExportSpec<T> {
  readonly columns: readonly string[];
  record(item: T): Readonly<Record<string, unknown>>;
  line(item: T): unknown;
  /** The line as JSON text, when the item can give it faster than JSON.stringify(line(item)). */
  text?(item: T): string;
}

/** NDJSON lines are sent in chunks of about this many characters, not one write per line. */
const CHUNK = 64 * 1024;

/**
 * Streams items as CSV or NDJSON, pulling the next item only when the client has taken the last ones:
 * memory stays flat whatever the number of items. The first item is pulled before the answer starts, so
 * a query that fails at once fails as any other request does, through the error filter.
 */
export async function streamed<T>(
  format: Exclude<ExportFormat, 'json'>,
  items: Iterable<T> | AsyncIterable<T>,
  spec: ExportSpec<T>,
): Promise<StreamableFile> {
  const started = await startedIteration(items);
  if (format === 'ndjson') {
    const stream = Readable.from(ndjsonChunks(started, spec), { objectMode: false });
    return answered(new StreamableFile(stream, { type: MEDIA_TYPES.ndjson }));
  }
  const csv = stringify({
    header: true,
    columns: [...spec.columns],
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      object: (value) => JSON.stringify(value),
    },
  });
  const out = new PassThrough();
  pipeline(Readable.from(records(started, spec)), csv, out, () => undefined);
  return answered(new StreamableFile(out, { type: `${MEDIA_TYPES.csv}; charset=utf-8` }));
}

/** The items, their first one already pulled: a failure to start throws here. */
async function startedIteration<T>(
  items: Iterable<T> | AsyncIterable<T>,
): Promise<AsyncIterable<T>> {
  const iterator =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      for (let next = first; !next.done; next = await iterator.next()) yield next.value;
    },
  };
}

const logger = new Logger('Export');

/**
 * A failure once the rows flow: Nest cuts the response short (a truncated export must not look complete);
 * before the first byte it would answer a plain-text 400, which this replaces with the 500 it is.
 */
function answered(file: StreamableFile): StreamableFile {
  const cutShort = file.errorHandler;
  return file.setErrorHandler((error, response) => {
    if (response.headersSent || response.destroyed) return cutShort(error, response);
    logger.error(error);
    const body = problem(500, 'internal', 'the export failed; it has been logged');
    // Express's response, which the interface Nest hands over leaves out setHeader from.
    const express = response as typeof response & { setHeader(name: string, value: string): void };
    express.statusCode = 500;
    express.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    express.send(JSON.stringify(body));
  });
}

async function* ndjsonChunks<T>(
  items: Iterable<T> | AsyncIterable<T>,
  spec: ExportSpec<T>,
): AsyncGenerator<string> {
  let chunk = '';
  for await (const item of items) {
    chunk += `${spec.text ? spec.text(item) : JSON.stringify(spec.line(item))}\n`;
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function* records<T>(
  items: Iterable<T> | AsyncIterable<T>,
  spec: ExportSpec<T>,
): AsyncGenerator<Readonly<Record<string, unknown>>> {
  for await (const item of items) yield spec.record(item);
}

/**
 * The route answers JSON (`schema`, a component of the document), CSV and NDJSON; the CSV columns are
 * listed in the document.
 */
export function ApiExports(
  what: string,
  spec: { readonly columns: readonly string[] },
  schema: string,
) {
  return applyDecorators(
    ApiHeader({
      name: 'accept',
      required: false,
      description: `${MEDIA_TYPES.csv} or ${MEDIA_TYPES.ndjson} asks for an export; \`?format=\` wins.`,
    }),
    ApiOkResponse({
      description:
        `JSON by default. With \`?format=csv\` or \`Accept: text/csv\`: one row per ${what}, ` +
        `columns ${spec.columns.map((c) => `\`${c}\``).join(', ')}. With \`?format=ndjson\` or ` +
        `\`Accept: application/x-ndjson\`: one JSON object per line, per ${what}, as the JSON answer lists it. ` +
        'Exports are streamed.',
      content: {
        'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
        [MEDIA_TYPES.csv]: { schema: { type: 'string', description: 'CSV with a header row' } },
        [MEDIA_TYPES.ndjson]: {
          schema: { type: 'string', description: 'One JSON object per line' },
        },
      },
    }),
  );
}
