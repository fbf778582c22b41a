import { readdirSync, readFileSync } from "node:fs";

/**
 * The processes of one process group, each with its /proc/<pid>/stat fields after the ")" of the
 * command name (state, ppid, pgrp, …). A process that ends while we look is left out.
 */
export function groupProcesses(pgid: number): { pid: string; fields: string[] }[] {
  const found: { pid: string; fields: string[] }[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) found.push({ pid, fields });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}
