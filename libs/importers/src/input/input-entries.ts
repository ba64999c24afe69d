import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { openPromise as openZip, type Entry, type ZipFile } from 'yauzl';

/** One stream of rows to read: a file, standard input, or one file inside a zip archive. */
export interface InputEntry {
  /** As the report names it: the path, `archive.zip:inner.tsv`, or `-`. */
  readonly name: string;
  /** Decompressed content. */
  readonly stream: Readable;
  /** Bytes that `bytesRead` counts up to; null when unknown (standard input). */
  readonly size: number | null;
  bytesRead(): number;
}

/**
 * The entries of each path, one after the other and never loaded whole: `-` is standard input, `.gz` is
 * gunzipped as it streams, `.zip` yields every file it holds in archive order.
 */
export async function* inputEntries(
  paths: readonly string[],
  stdin: Readable = process.stdin,
): AsyncGenerator<InputEntry> {
  for (const path of paths) {
    if (path === '-') yield counted('-', stdin, null, stdin);
    else if (/\.zip$/i.test(path)) yield* zipEntries(path);
    else {
      const size = (await stat(path)).size;
      const file = createReadStream(path, { highWaterMark: 1 << 20 });
      const stream = /\.gz$/i.test(path) ? file.pipe(createGunzip()) : file;
      if (stream !== file) file.on('error', (error) => stream.destroy(error));
      yield counted(path, stream, size, file);
    }
  }
}

/** Counts the bytes `measured` lets through, for the progress of `stream` (which may be their inflation). */
function counted(
  name: string,
  stream: Readable,
  size: number | null,
  measured: Readable,
): InputEntry {
  let read = 0;
  measured.on('data', (chunk: Buffer) => (read += chunk.length));
  return { name, stream, size, bytesRead: () => read };
}

async function* zipEntries(path: string): AsyncGenerator<InputEntry> {
  const zip = await openZip(path, { lazyEntries: true, autoClose: false });
  try {
    for (let entry = await nextEntry(zip); entry !== null; entry = await nextEntry(zip)) {
      if (entry.fileName.endsWith('/') || entry.fileName.startsWith('__MACOSX/')) continue;
      const raw = await zip.openReadStreamPromise(entry);
      const stream = /\.gz$/i.test(entry.fileName)
        ? raw.pipe(createGunzip())
        : raw.pipe(new PassThrough());
      raw.on('error', (error) => stream.destroy(error));
      yield counted(`${path}:${entry.fileName}`, stream, entry.compressedSize, raw);
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
