// Prints a scrypt hash for ADMIN_USERS ("name:<hash>") of a password read from standard input:
//   npm run admin:hash                      (asks, without echoing)
//   printf '%s' "$PASSWORD" | npm run admin:hash --silent
import { hashPassword } from "../lib/auth/password.ts";

async function readHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.setEncoding("utf8");
  let value = "";
  for await (const chunk of process.stdin) {
    for (const ch of chunk as string) {
      if (ch === "\r" || ch === "\n" || ch === "\u0004") {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stderr.write("\n");
        return value;
      }
      if (ch === "\u0003") process.exit(130);
      value = ch === "\u007f" ? value.slice(0, -1) : value + ch;
    }
  }
  return value;
}

async function readPiped(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

const password = process.stdin.isTTY ? await readHidden("Staff password (not shown): ") : await readPiped();
if (password.length < 12) {
  console.error("Use a password of at least 12 characters.");
  process.exit(1);
}
const hash = await hashPassword(password);
console.log(hash);
console.error(
  [
    "",
    "Use it as ADMIN_USERS='alice:<hash>' (several: 'alice:<hash>,bob:<hash>').",
    "In a .env file write each $ as \\$ (Next expands $NAMES there); in a shell, use single quotes.",
  ].join("\n"),
);
