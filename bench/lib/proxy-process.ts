import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** `proxy-child.ts` started as its own process; resolves once it listens. */
export async function startDelayProxy(
  target: { host: string; port: number },
  delayMs: number,
): Promise<{ port: number; pid: number; close: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(process.cwd(), "bench", "lib", "proxy-child.ts"),
      target.host,
      String(target.port),
      String(delayMs),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`delay proxy exited with ${code}`)));
    child.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
  });
  return {
    port,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
