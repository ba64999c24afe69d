import type { ImportTally, InputEntry } from '@entente/importers';
import { SingleBar } from 'cli-progress';

/**
 * The progress bar on a terminal (cli-progress, on stderr): bytes read of all inputs, rows/s, facts
 * stored, rows skipped, ETA. Sizes are of the files as stored, so a .gz moves by compressed bytes.
 */
export class ImportProgress {
  private readonly bar: SingleBar;
  private readonly started = Date.now();
  private done = 0;
  private current: InputEntry | null = null;
  private last: ImportTally | null = null;

  constructor(totalBytes: number | null, stream: NodeJS.WriteStream = process.stderr) {
    this.bar = new SingleBar({
      stream,
      format:
        '{phase}{bar} {percentage}% | {rows} rows, {rate} rows/s | stored {stored} | already {already} | skipped {skipped} | failed {failed} | ETA {eta_formatted}',
      barsize: 24,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    });
    this.bar.start(Math.max(totalBytes ?? 0, 1), 0, this.payload(null));
  }

  update(tally: ImportTally, entry: InputEntry): void {
    if (this.current !== entry) {
      if (this.current) this.done += this.current.size ?? this.current.bytesRead();
      this.current = entry;
    }
    this.last = tally;
    this.bar.update(this.done + entry.bytesRead(), this.payload(tally));
  }

  /** While read models catch up after the rows. */
  message(text: string): void {
    this.bar.update({ ...this.payload(this.last), phase: `${text} ` });
  }

  stop(): void {
    this.bar.stop();
  }

  private payload(tally: ImportTally | null) {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    return {
      phase: '',
      rows: (tally?.rows ?? 0).toLocaleString('en-US'),
      rate: Math.round((tally?.rows ?? 0) / seconds).toLocaleString('en-US'),
      stored: (tally?.stored ?? 0).toLocaleString('en-US'),
      already: (tally?.alreadyStored ?? 0).toLocaleString('en-US'),
      skipped: (tally?.outOfScope ?? 0).toLocaleString('en-US'),
      failed: (tally?.failed ?? 0).toLocaleString('en-US'),
    };
  }
}
