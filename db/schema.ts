import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Raw bytes: node-postgres gives a Buffer, PGlite a Uint8Array; both are Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(), // stored lower-cased
  passwordHash: text("password_hash").notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
  // Kept by a trigger on notifications (migration 0001, docs/decisions/025): the session read takes it as is.
  unreadCount: integer("unread_count").notNull().default(0),
  // Set when the owner follows the link mailed at registration (or confirms an email change): only
  // then do guest orders placed with this address join the account (docs/decisions/033).
  emailConfirmedAt: tz("email_confirmed_at"),
});

/** One row per browser session. The key is SHA-256(token): the cookie's token is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: tz("created_at").notNull(),
    lastSeenAt: tz("last_seen_at").notNull(),
    // Sliding expiry, always clamped to the absolute one, so pruning needs one index.
    idleExpiresAt: tz("idle_expires_at").notNull(),
    absoluteExpiresAt: tz("absolute_expires_at").notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [
    index("sessions_user_id_idx").on(t.userId).where(sql`${t.userId} is not null`),
    index("sessions_idle_expires_at_idx").on(t.idleExpiresAt),
  ],
);

export const categories = pgTable("categories", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

/**
 * Product pictures, stored in the database so a deployment needs nothing else (decision 030). `bytes`
 * is the normalised original (WebP, at most 1600 px a side, no metadata); `hash` is its SHA-256 and
 * names it in URLs, so a URL's content never changes and can be cached for ever.
 */
export const productImages = pgTable("product_images", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull().unique(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: bytea("bytes").notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
});

/** Resized copies at the widths the pages ask for, made on first request and kept. */
export const productImageVariants = pgTable(
  "product_image_variants",
  {
    imageId: integer("image_id")
      .notNull()
      .references(() => productImages.id, { onDelete: "cascade" }),
    width: integer("width").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.width] })],
);

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    priceCents: integer("price_cents").notNull(),
    stock: integer("stock").notNull(),
    // "On sale": shown in the catalog and can be bought. Archiving also clears it.
    active: boolean("active").notNull().default(true),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    // The previous release's static image path; no longer read (decision 030), dropped in a later release.
    image: text("image"),
    imageId: integer("image_id").references(() => productImages.id),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    // Archived: gone from the catalog and the admin's main list; carts and past orders still name it.
    archivedAt: tz("archived_at"),
  },
  (t) => [
    index("products_category_id_idx").on(t.categoryId),
    check("products_price_positive", sql`${t.priceCents} > 0`),
    check("products_stock_non_negative", sql`${t.stock} >= 0`),
    // Cart and checkout read `active` alone: an archived product must never be on sale.
    check("products_archived_not_on_sale", sql`${t.archivedAt} is null or not ${t.active}`),
  ],
);

/** A cart belongs to exactly one owner: an anonymous session, or a user. */
export const carts = pgTable(
  "carts",
  {
    id: serial("id").primaryKey(),
    sessionId: text("session_id")
      .unique()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .unique()
      .references(() => users.id, { onDelete: "cascade" }),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    // Sum of the lines' quantities, kept by a trigger on cart_items (migration 0001, docs/decisions/025).
    itemCount: integer("item_count").notNull().default(0),
  },
  (t) => [check("carts_one_owner", sql`(${t.sessionId} is null) <> (${t.userId} is null)`)],
);

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: integer("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    addedAt: tz("added_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.productId] }),
    check("cart_items_quantity_range", sql`${t.quantity} between 1 and 99`),
  ],
);

export const addresses = pgTable(
  "addresses",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fullName: text("full_name").notNull(),
    line1: text("line1").notNull(),
    line2: text("line2").notNull().default(""),
    city: text("city").notNull(),
    postalCode: text("postal_code").notNull(),
    country: text("country").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
  },
  (t) => [
    index("addresses_user_id_idx").on(t.userId),
    uniqueIndex("addresses_one_default_idx").on(t.userId).where(sql`${t.isDefault}`),
  ],
);

/**
 * `column in ('a', 'b', …)` from a list of literals, so a check constraint and its TypeScript type
 * come from the same list (the SQL text is what drizzle-kit compares: same list, no migration).
 */
function oneOf(column: AnyPgColumn, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}

export const ORDER_STATUSES = ["placed", "packed", "shipped", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A timeline entry: a fulfilment status reached, or a payment event (docs/decisions/032). */
export const PAYMENT_EVENTS = [
  "paid",
  "payment_failed",
  "payment_expired",
  "payment_cancelled",
  "refunded",
] as const;
export type PaymentEvent = (typeof PAYMENT_EVENTS)[number];
export type OrderEventKind = OrderStatus | PaymentEvent;

export const orders = pgTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    // Null for a guest's order (docs/decisions/033): guestEmail says whose it is, until a confirmed
    // account with that email takes it over.
    userId: integer("user_id").references(() => users.id),
    guestEmail: text("guest_email"),
    // The anonymous session that placed a guest order: that browser sees it while the session lives.
    sessionId: text("session_id").references(() => sessions.id, { onDelete: "set null" }),
    // SHA-256 of the guest order link's token: it opens this one order, nothing else (decision 033).
    accessTokenHash: text("access_token_hash").unique(),
    status: text("status").$type<OrderStatus>().notNull().default("placed"),
    // The checkout form's one-time key: a double submit finds the first order instead of making a second.
    idempotencyKey: text("idempotency_key").notNull(),
    totalCents: integer("total_cents").notNull(),
    shipFullName: text("ship_full_name").notNull(),
    shipLine1: text("ship_line1").notNull(),
    shipLine2: text("ship_line2").notNull().default(""),
    shipCity: text("ship_city").notNull(),
    shipPostalCode: text("ship_postal_code").notNull(),
    shipCountry: text("ship_country").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_user_idempotency_idx").on(t.userId, t.idempotencyKey),
    // A guest has no user row: its form keys (server-rendered UUIDs) are unique among guest orders.
    uniqueIndex("orders_guest_idempotency_idx").on(t.idempotencyKey).where(sql`${t.userId} is null`),
    index("orders_guest_email_idx").on(t.guestEmail).where(sql`${t.userId} is null`),
    // Pruning a session nulls its orders' session_id: without this, each deleted session scans orders.
    index("orders_session_id_idx").on(t.sessionId).where(sql`${t.sessionId} is not null`),
    check("orders_has_owner", sql`${t.userId} is not null or ${t.guestEmail} is not null`),
    index("orders_status_created_idx").on(t.status, t.createdAt),
    check("orders_status_valid", oneOf(t.status, ORDER_STATUSES)),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    productName: text("product_name").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    quantity: integer("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.productId] })],
);

export const PAYMENT_STATUSES = ["awaiting", "paid", "failed", "expired", "cancelled", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const PAYMENT_PROVIDERS = ["manual", "stripe"] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/**
 * An order's payment, beside its fulfilment status (docs/decisions/032). One per order; an order
 * placed before payments existed has none. While `awaiting`, the order holds its stock until
 * `holdUntil`; then the prune releases it (failed/expired/cancelled all give the stock back once).
 */
export const payments = pgTable(
  "payments",
  {
    orderId: integer("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    provider: text("provider").$type<PaymentProviderName>().notNull(),
    status: text("status").$type<PaymentStatus>().notNull().default("awaiting"),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("gbp"),
    // The provider's handle on this payment (a Stripe Checkout Session id) and where to pay it.
    reference: text("reference").unique(),
    checkoutUrl: text("checkout_url"),
    // What a refund needs (a Stripe PaymentIntent id), learnt when it is paid.
    chargeReference: text("charge_reference"),
    holdUntil: tz("hold_until").notNull(),
    paidAt: tz("paid_at"),
    closedAt: tz("closed_at"),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("payments_awaiting_hold_idx").on(t.holdUntil).where(sql`${t.status} = 'awaiting'`),
    check("payments_status_valid", oneOf(t.status, PAYMENT_STATUSES)),
    check("payments_provider_valid", oneOf(t.provider, PAYMENT_PROVIDERS)),
  ],
);

/** Webhook events already applied, by the provider's event id: a redelivery finds its id here and does nothing. */
export const paymentWebhookEvents = pgTable("payment_webhook_events", {
  eventId: text("event_id").primaryKey(),
  provider: text("provider").$type<PaymentProviderName>().notNull(),
  type: text("type").notNull(),
  orderId: integer("order_id"),
  outcome: text("outcome").notNull(),
  receivedAt: tz("received_at").notNull().defaultNow(),
});

export const orderEvents = pgTable(
  "order_events",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: text("status").$type<OrderEventKind>().notNull(),
    actor: text("actor").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [index("order_events_order_id_idx").on(t.orderId)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "cascade" }),
    message: text("message").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    readAt: tz("read_at"),
  },
  (t) => [index("notifications_user_id_idx").on(t.userId, t.createdAt)],
);

/** Failed-login counters, shared by every instance. key: "email:<addr>", "ip:<addr>", "admin-ip:<addr>". */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: tz("window_started_at").notNull(),
});

/** Leases for background jobs (one instance at a time) and the figures of their last run. */
export const maintenanceRuns = pgTable("maintenance_runs", {
  name: text("name").primaryKey(),
  lockedUntil: tz("locked_until"),
  lastStartedAt: tz("last_started_at"),
  lastFinishedAt: tz("last_finished_at"),
  lastRows: integer("last_rows"),
  lastDurationMs: integer("last_duration_ms"),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_at_idx").on(t.createdAt)],
);

/**
 * The transactional outbox (docs/decisions/026): a mail is a row written in the transaction of the
 * change that causes it, delivered after commit by lib/mail/deliver.ts. `message_id` is fixed at
 * enqueue time, so a retried delivery carries the same Message-ID header.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serial("id").primaryKey(),
    messageId: text("message_id").notNull().unique(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    // Holds a secret (a reset or confirmation link): its bodies are blanked once delivered.
    sensitive: boolean("sensitive").notNull().default(false),
    createdAt: tz("created_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tz("next_attempt_at").notNull().defaultNow(),
    // A delivery in progress holds the row until then; a crashed deliverer's claim simply runs out.
    lockedUntil: tz("locked_until"),
    sentAt: tz("sent_at"),
    // Set when the attempts are used up: the mail is kept for staff to read but no longer tried.
    failedAt: tz("failed_at"),
    lastError: text("last_error"),
  },
  (t) => [
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
    index("mail_outbox_created_at_idx").on(t.createdAt),
  ],
);

/**
 * Single-use links mailed to a user: password reset, email change confirmation. Only SHA-256 of
 * the token is stored. `password_fingerprint` is SHA-256 of the user's password hash when the token
 * was made: a token is dead once the password changes (compared at use, whatever changed it).
 * `new_email` is the address an email change confirms.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"password-reset" | "email-change" | "email-confirm">().notNull(),
    passwordFingerprint: text("password_fingerprint").notNull(),
    newEmail: text("new_email"),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    usedAt: tz("used_at"),
  },
  (t) => [
    index("user_tokens_user_id_idx").on(t.userId),
    index("user_tokens_expires_at_idx").on(t.expiresAt),
    check(
      "user_tokens_purpose_valid",
      sql`${t.purpose} in ('password-reset', 'email-change', 'email-confirm')`,
    ),
  ],
);

/**
 * Forms already acted on, per session (docs/decisions/041): a form carries a random token; the
 * first post of it inserts this row in the transaction of its change, a second post of the same
 * page (a double click without JavaScript) finds the row and changes nothing. Pruned after a day.
 */
export const usedFormTokens = pgTable(
  "used_form_tokens",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    token: text("token").notNull(),
    usedAt: tz("used_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.token] }),
    index("used_form_tokens_used_at_idx").on(t.usedAt),
  ],
);
