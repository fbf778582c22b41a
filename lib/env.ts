import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
// ".ts" extension: scripts/migrate.ts runs this file under plain Node (type stripping, no resolver).
import { parseTrustProxy, type TrustProxy } from "./http/client-address.ts";

/** Every environment variable Keepcart reads, validated once. `.env.example` documents each. */
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const millis = seconds;
const optionalMillis = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  VERCEL_ENV: z.enum(["development", "preview", "production"]).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATABASE_URL_UNPOOLED: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  KEEPCART_EMBEDDED_DB: z.enum(["allow"]).optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  SESSION_SECRET: z.string().optional(),
  SESSION_IDLE_TIMEOUT_SECONDS: seconds(30 * 24 * 3600),
  SESSION_ABSOLUTE_TIMEOUT_SECONDS: seconds(90 * 24 * 3600),
  SESSION_RENEWAL_INTERVAL_SECONDS: seconds(3600),
  PRUNE_INTERVAL_SECONDS: seconds(600),
  PRUNE_BATCH_SIZE: z.coerce.number().int().min(100).max(50_000).default(5000),
  // Unset: 10, or 5 on Vercel where every function instance has a pool of its own (see parseEnv).
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  DB_CONNECT_TIMEOUT_MS: millis(5000),
  // 0: not sent as a startup parameter, which transaction-mode poolers reject (docs/deploy-vercel.md).
  DB_STATEMENT_TIMEOUT_MS: optionalMillis(5000),
  DB_IDLE_TIMEOUT_MS: millis(10_000),
  // Unset: on, or off on Vercel, whose pooled URL may not keep named statements (see parseEnv, ADR 024).
  DB_PREPARED_STATEMENTS: z.enum(["on", "off"]).optional(),
  DB_STARTUP_MAX_WAIT_MS: millis(30_000),
  // How requests reach the app: none | 1..9 (proxies of ours) | vercel. Unset: vercel on Vercel, else none.
  TRUST_PROXY: z.string().optional(),
  // The per-instance session cache (lib/cache, docs/decisions/035): auto runs it where LISTEN works.
  SESSION_CACHE: z.enum(["auto", "off"]).default("auto"),
  SESSION_CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  SESSION_CACHE_LEASE_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  ADMIN_USERS: z.string().optional(),
  CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  // Mail (docs/decisions/026). Unset SMTP_URL in development: mails stay in the outbox (/admin/mail).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  // Links in mails are built from this, never from a request's Host header (see parseEnv for the default).
  PUBLIC_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+\/?$/, "must be an origin such as https://shop.example.com")
    .optional(),
  MAIL_POLL_INTERVAL_SECONDS: seconds(15),
  // Set by Vercel (system environment variables): the default PUBLIC_BASE_URL there.
  VERCEL_PROJECT_PRODUCTION_URL: z.string().optional(),
  VERCEL_BRANCH_URL: z.string().optional(),
  VERCEL_URL: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Payment (docs/decisions/032): both Stripe variables set → card payments through Stripe Checkout;
  // neither → the manual provider (bank transfer / pay on collection, staff mark orders paid).
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=_]+$/, "must be a Stripe webhook signing secret (whsec_…)")
    .optional(),
  // Tests only: where the Stripe client sends its calls (a local stand-in), e.g. http://127.0.0.1:12111
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  // How long an unpaid order holds its stock. Unset: 3 days (manual), 60 minutes (Stripe, 30–1440).
  PAYMENT_HOLD_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional(),
  MANUAL_PAYMENT_INSTRUCTIONS: z.string().max(2000).optional(),
  // Read by Next.js at build time; checked here so a malformed key fails loudly instead of at the first action.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && [16, 24, 32].includes(Buffer.from(v, "base64").length),
      "must be base64 of 16, 24 or 32 bytes (openssl rand -base64 32)",
    )
    .optional(),
});

type RawEnv = Record<string, string | undefined>;

export type Env = Omit<
  z.infer<typeof schema>,
  "DB_POOL_MAX" | "DB_PREPARED_STATEMENTS" | "PAYMENT_HOLD_MINUTES"
> & {
  DB_POOL_MAX: number;
  DB_PREPARED_STATEMENTS: "on" | "off";
  PAYMENT_HOLD_MINUTES: number;
  paymentProvider: "manual" | "stripe";
  isProduction: boolean;
  /** Origin of every link in a mail, without a trailing slash. */
  publicBaseUrl: string;
  sessionSecrets: Record<string, string>;
  trustProxy: TrustProxy;
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Production means a real deployment: `next start`/Vercel. The embedded database and generated secrets are refused there. */
export function isProductionEnv(raw: RawEnv): boolean {
  return raw.NODE_ENV === "production" || raw.VERCEL_ENV === "preview" || raw.VERCEL_ENV === "production";
}

/**
 * SESSION_SECRET is either one secret (id 1) or a rotation list "2:newest,1:older": the highest id
 * seals new cookies, every listed id still unseals. Each secret needs 32+ characters.
 */
export function parseSessionSecrets(value: string): Record<string, string> {
  const entries = value.includes(":") && /^\d+:/.test(value) ? value.split(",") : [`1:${value}`];
  const secrets: Record<string, string> = {};
  for (const entry of entries) {
    const sep = entry.indexOf(":");
    const id = entry.slice(0, sep).trim();
    const secret = entry.slice(sep + 1).trim();
    if (!/^\d+$/.test(id))
      throw new EnvError(`SESSION_SECRET: "${id}" is not a numeric secret id (format "2:new,1:old")`);
    if (secret.length < 32) throw new EnvError(`SESSION_SECRET: secret ${id} must be at least 32 characters`);
    secrets[id] = secret;
  }
  return secrets;
}

function developmentSecret(): string {
  const file = path.join(process.cwd(), ".data", "session-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function parseEnv(given: RawEnv): Env {
  // An empty value (a copied .env.example line, a blank dashboard field) means unset.
  const raw = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== "")) as RawEnv;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const isProduction = isProductionEnv(raw);
  const onVercel = env.VERCEL_ENV === "preview" || env.VERCEL_ENV === "production";
  const label = onVercel ? env.VERCEL_ENV : "production";
  const where = onVercel
    ? `\nSet them in Vercel → Project → Settings → Environment Variables, for the "${env.VERCEL_ENV === "preview" ? "Preview" : "Production"}" environment, then redeploy (docs/deploy-vercel.md).`
    : "";
  const missing: string[] = [];
  if (isProduction && !env.DATABASE_URL && !(env.KEEPCART_EMBEDDED_DB === "allow" && !onVercel)) {
    missing.push(
      onVercel
        ? "DATABASE_URL: the embedded database is refused on Vercel; connect a PostgreSQL database (the Neon integration sets DATABASE_URL for every environment)"
        : "DATABASE_URL: set it to your PostgreSQL URL, e.g. postgres://user:pass@host:5432/keepcart",
    );
  }
  if (isProduction && !env.SESSION_SECRET) {
    missing.push(
      "SESSION_SECRET: set it to a random string of at least 32 characters (openssl rand -base64 32)",
    );
  }
  if (onVercel && !env.ADMIN_USERS) {
    missing.push(
      "ADMIN_USERS: set staff credentials, e.g. alice:<password or scrypt hash> (docs/deploy-vercel.md)",
    );
  }
  if (isProduction && !env.SMTP_URL) {
    missing.push("SMTP_URL: set it to your mail server, e.g. smtps://user:pass@smtp.example.com:465");
  }
  if (isProduction && !env.MAIL_FROM) {
    missing.push('MAIL_FROM: set the sender of shop mail, e.g. "Keepcart <shop@example.com>"');
  }
  const publicBaseUrl = publicBaseUrlOf(env, raw.PORT, isProduction);
  if (isProduction && !publicBaseUrl) {
    missing.push("PUBLIC_BASE_URL: set the shop's public address, e.g. https://shop.example.com");
  }
  missing.push(...missingPaymentSettings(env, isProduction));
  if (missing.length > 0) {
    throw new EnvError(`Keepcart cannot start in ${label}. Missing:\n  ${missing.join("\n  ")}${where}`);
  }
  const sessionSecrets = parseSessionSecrets(env.SESSION_SECRET ?? developmentSecret());
  if (env.SESSION_ABSOLUTE_TIMEOUT_SECONDS < env.SESSION_IDLE_TIMEOUT_SECONDS) {
    throw new EnvError("SESSION_ABSOLUTE_TIMEOUT_SECONDS must be at least SESSION_IDLE_TIMEOUT_SECONDS");
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, Boolean(raw.VERCEL));
  if (!trustProxy) {
    throw new EnvError(
      `TRUST_PROXY: "${env.TRUST_PROXY}" is not none, a number of proxies in front of the app (1-9), or vercel`,
    );
  }
  const DB_POOL_MAX = env.DB_POOL_MAX ?? (raw.VERCEL ? 5 : 10);
  const DB_PREPARED_STATEMENTS = env.DB_PREPARED_STATEMENTS ?? (raw.VERCEL ? "off" : "on");
  const paymentProvider = env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET ? "stripe" : "manual";
  const PAYMENT_HOLD_MINUTES = env.PAYMENT_HOLD_MINUTES ?? (paymentProvider === "stripe" ? 60 : 3 * 24 * 60);
  if (paymentProvider === "stripe" && (PAYMENT_HOLD_MINUTES < 30 || PAYMENT_HOLD_MINUTES > 24 * 60)) {
    // Stripe Checkout Sessions expire between 30 minutes and 24 hours after creation.
    throw new EnvError("PAYMENT_HOLD_MINUTES must be between 30 and 1440 with Stripe");
  }
  return {
    ...env,
    DB_POOL_MAX,
    DB_PREPARED_STATEMENTS,
    PAYMENT_HOLD_MINUTES,
    paymentProvider,
    isProduction,
    sessionSecrets,
    trustProxy,
    publicBaseUrl: publicBaseUrl ?? "http://localhost:3000",
  };
}

/**
 * PUBLIC_BASE_URL if set. On Vercel, unset: the production domain for production deployments
 * (VERCEL_PROJECT_PRODUCTION_URL), the branch's stable URL or else the deployment's own URL for
 * previews. Outside production, unset: http://localhost:$PORT. Production elsewhere must set it.
 */
function publicBaseUrlOf(
  e: z.infer<typeof schema>,
  port: string | undefined,
  isProduction: boolean,
): string | undefined {
  if (e.PUBLIC_BASE_URL) return e.PUBLIC_BASE_URL.replace(/\/$/, "");
  const vercelHost =
    e.VERCEL_ENV === "production"
      ? (e.VERCEL_PROJECT_PRODUCTION_URL ?? e.VERCEL_URL)
      : e.VERCEL_ENV === "preview"
        ? (e.VERCEL_BRANCH_URL ?? e.VERCEL_URL)
        : undefined;
  if (vercelHost) return `https://${vercelHost}`;
  if (isProduction) return undefined;
  return `http://localhost:${port ?? 3000}`;
}

/**
 * Stripe needs both variables: one without the other is a half-finished set-up that would take
 * orders nobody can pay (or mark paid), so production refuses it, naming the missing one. (Stripe's
 * return pages use PUBLIC_BASE_URL, which production requires anyway.)
 */
function missingPaymentSettings(env: z.infer<typeof schema>, isProduction: boolean): string[] {
  if (!isProduction) return [];
  const missing: string[] = [];
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    missing.push(
      "STRIPE_WEBHOOK_SECRET: STRIPE_SECRET_KEY is set, so card payments need the webhook signing secret (whsec_…, Stripe Dashboard → Developers → Webhooks)",
    );
  }
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY) {
    missing.push(
      "STRIPE_SECRET_KEY: STRIPE_WEBHOOK_SECRET is set, so card payments need the secret key (sk_live_… or sk_test_…); or unset both for manual payment",
    );
  }
  return missing;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use, then fixed). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
