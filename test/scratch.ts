import { accessSync, constants, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Linux's memory-backed tmpfs: every machine of this kind has it (24 GiB here). */
const MEMORY = "/dev/shm";

function memoryFolder(): string | undefined {
  try {
    accessSync(MEMORY, constants.W_OK);
    return MEMORY;
  } catch {
    return undefined;
  }
}

/**
 * A new folder for a test's database files (PGlite folders, throwaway clusters): in /dev/shm where
 * the machine has it, else the OS temp folder. The engines still read and write real files, and a
 * killed process leaves them as they were, which is all the restart tests need; what tmpfs spares is
 * the disk. On this machine's ext4, copying the 40 MB PGlite template took 1.0 s of system CPU and
 * the same copy into /dev/shm 33 ms (docs/decisions/038-test-suite-budget.md). The caller removes it.
 */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(memoryFolder() ?? tmpdir(), prefix));
}
