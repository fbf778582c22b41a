import { UNAVAILABLE_MESSAGE } from "./errors";

/** The 503 page proxy.ts answers while the database is unreachable: plain HTML, no database needed. */
export function unavailablePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Temporarily unavailable · Keepcart</title>
<style>body{font-family:system-ui,sans-serif;background:#faf7f2;color:#2b2b2b;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.6rem}a{color:#8a4b2a;font-weight:600}</style></head>
<body><main><h1>Temporarily unavailable</h1><p role="alert">${UNAVAILABLE_MESSAGE}</p><p><a href="">Try again</a></p></main></body></html>`;
}
