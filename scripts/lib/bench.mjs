/**
 * Helpers shared by the benchmark scripts: latency summaries, peak memory and
 * CPU time of a process, and a one-line description of this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export const ms = (x) => `${x.toFixed(2)} ms`;

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** p50, p99 and max of latency samples in milliseconds. */
export function summary(samples) {
  if (samples.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1] };
}

/** Peak resident memory (VmHWM) of a process in MiB, NaN when it cannot be read. */
export function vmHwmMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** User plus system CPU time a process has used so far, in milliseconds; NaN when it cannot be read. */
export function cpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** MongoDB's operation counters (the embedded store's launcher reports them the same way). */
export async function opcounters(client) {
  const { opcounters: c } = await client.db('admin').command({ serverStatus: 1 });
  return Object.fromEntries(
    ['insert', 'query', 'update', 'delete', 'getmore', 'command'].map((k) => [k, Number(c?.[k] ?? NaN)]),
  );
}

/**
 * The store alone, driven with the driver in the proportions one business
 * operation makes (`mix`: the opcounters per operation): `operations` calls of
 * `run(kind)`, `concurrency` at a time, kind one of insert, query (with
 * getmore), update (with delete) and command, drawn by weight. A bench's `run`
 * issues the one store call of that kind its service makes; the rate it gives
 * is the ceiling the service's own rate is compared with.
 */
export async function storeMix({ mix, operations, concurrency, run }) {
  const weights = [
    ['insert', mix.insert],
    ['query', mix.query + mix.getmore],
    ['update', mix.update + mix.delete],
    ['command', mix.command],
  ].filter(([, w]) => w > 0);
  const total = weights.reduce((x, [, w]) => x + w, 0);
  const latencies = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < operations) {
        next++;
        let r = Math.random() * total;
        const kind = weights.find(([, w]) => (r -= w) < 0)?.[0] ?? 'query';
        const t = performance.now();
        await run(kind);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const s = summary(latencies);
  return { operations, concurrency, perSecond: operations / seconds, p50: s.p50, p99: s.p99 };
}
