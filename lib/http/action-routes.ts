import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Which paths may receive which server action. Next.js answers an action id posted to a page that
 * does not import it by forwarding the request to a page that does; forwarded from proxy.ts's
 * already-read body, that request hangs and then dies as an uncaught "aborted" (issue #18). Every
 * action of ours is imported by each page whose forms post it, so a misplaced or unknown id is
 * refused here instead, from the build's own server reference manifest.
 */
type Table = Map<string, RegExp[]>;
let table: Table | null | undefined;

/** A worker name such as `app/(auth)/login/page` or `app/products/[slug]/page` as a path pattern. */
export function workerPattern(worker: string): RegExp {
  const route = worker.replace(/^app/, "").replace(/\/page$/, "");
  if (route === "/_not-found") return /^\/.*$/; // not-found pages render under any path
  const segments = route
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s) => {
      if (/^\[\[\.\.\..+\]\]$/.test(s)) return "(?:/.*)?";
      if (/^\[\.\.\..+\]$/.test(s)) return "/.+";
      if (/^\[.+\]$/.test(s)) return "/[^/]+";
      return `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    });
  return new RegExp(`^${segments.join("") || "/"}/?$`, "i");
}

export function actionTable(manifest: {
  node?: Record<string, { workers?: Record<string, unknown> }>;
}): Table {
  const result: Table = new Map();
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    result.set(id, Object.keys(entry.workers ?? {}).map(workerPattern));
  }
  return result;
}

function load(): Table | null {
  if (table !== undefined) return table;
  try {
    const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
    table = actionTable(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    table = null; // no build output here (development, or a platform that does not ship it): Next decides
  }
  return table;
}

/**
 * "unknown" (no such action in this build), "misplaced" (no page at this path imports it), "ok", or
 * null when this process cannot tell (development: the manifest changes as files are edited).
 */
export function actionPlacement(
  actionId: string,
  pathname: string,
  known: Table | null = process.env.NODE_ENV === "production" ? load() : null,
): "ok" | "unknown" | "misplaced" | null {
  if (!known) return null;
  const patterns = known.get(actionId);
  if (!patterns) return "unknown";
  return patterns.some((p) => p.test(pathname)) ? "ok" : "misplaced";
}
