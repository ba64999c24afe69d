import { readFileSync } from 'node:fs';

/** What /proc (Linux) says of one process and of the machine, at one moment. */
export interface ProcReading {
  /** The resident set: what the machine gives the process, not what V8 thinks. */
  readonly bytes: number;
  /** Its anonymous part (heaps: V8's, SQLite's caches, malloc) apart from what is mapped from files. */
  readonly anonBytes: number;
  /** CPU time the process used so far, user and system, in clock ticks. */
  readonly processTicks: number;
  /** CPU time of all cores so far, busy and in all, in clock ticks. */
  readonly machineBusyTicks: number;
  readonly machineTicks: number;
}

export function readProc(pid: number): ProcReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
    const bytes = kb('VmRSS');
    if (!Number.isFinite(bytes)) return null;
    // The command name in parentheses may hold spaces: fields are counted after it (utime is the 14th).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const processTicks = Number(fields[11]) + Number(fields[12]);
    // user nice system idle iowait irq softirq steal: idle and iowait are the time no core worked.
    const cpu = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    const machineTicks = cpu.reduce((a, b) => a + b, 0);
    return {
      bytes,
      anonBytes: kb('RssAnon'),
      processTicks,
      machineBusyTicks: machineTicks - cpu[3] - cpu[4],
      machineTicks,
    };
  } catch {
    return null;
  }
}
