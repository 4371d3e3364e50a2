// CPU time from /proc (Linux), to tell what a rate costs and who pays it: the server, Postgres
// (every local backend, which is only fair on a database machine the bench has to itself) and
// the load generator, which shares the cores with both.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has spent; NaN when it cannot be read. */
export function processCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds of the local Postgres spent for `database`: its shared background processes and
 * the backends connected to that database, so other databases' clients on the same server do
 * not count. A backend that exits between two readings takes its time with it: keep the
 * connections open across a measurement (the pools do). 0 when Postgres runs elsewhere.
 */
export function postgresCpuSeconds(database) {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      // "postgres: 15/main: user database 127.0.0.1(51234) idle" for a client's backend.
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.includes('(') && !title.includes(` ${database} `)) continue;
    } catch {
      continue; // the process ended while the list was read
    }
    const seconds = processCpuSeconds(entry);
    if (!Number.isNaN(seconds)) total += seconds;
  }
  return total;
}

/** CPU seconds of this process: the load generator. */
export function ownCpuSeconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Runs `work` and returns its result with the CPU milliseconds per unit (of `units`) that the
 * server (when `serverCpuSeconds` is given), Postgres for `database` and this process spent on it.
 */
export async function withCpu(units, work, { database, serverCpuSeconds }) {
  const read = () => ({
    server: serverCpuSeconds ? serverCpuSeconds() : 0,
    postgres: postgresCpuSeconds(database),
    generator: ownCpuSeconds(),
  });
  const before = read();
  const result = await work();
  const after = read();
  const perUnit = (key) => ((after[key] - before[key]) * 1000) / units;
  return {
    result,
    cpu: { server: perUnit('server'), postgres: perUnit('postgres'), generator: perUnit('generator') },
  };
}
