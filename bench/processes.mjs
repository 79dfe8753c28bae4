// What the benchmarks read of running processes: an app and its WebKit helpers, their memory.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The pids of a process and all its descendants. */
function tree(pid) {
  const kids = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  return [pid, ...kids.flatMap((k) => tree(Number(k)))];
}

/**
 * Peak RSS (sum of each process's VmHWM) and PSS now, in MiB, of an app and its WebKit helpers;
 * each process's share goes to stderr.
 */
export function memory(appPid) {
  let hwm = 0;
  let pss = 0;
  const parts = [];
  for (const pid of tree(appPid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const now = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      hwm += peak;
      pss += now;
      parts.push(`${/Name:\s+(\S+)/.exec(status)?.[1]} ${Math.round(peak / 1024)}/${Math.round(now / 1024)}`);
    } catch {
      // The process ended meanwhile.
    }
  }
  console.error(`bench: memory (peak RSS/PSS MiB): ${parts.join(', ')}`);
  return { peakRss: hwm / 1024, pss: pss / 1024 };
}

/** @param {string} binary */
export const pidOf = (binary) => Number(spawnSync('pgrep', ['-n', '-f', `^${binary}`], { encoding: 'utf8' }).stdout.trim());
