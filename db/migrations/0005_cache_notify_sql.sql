-- The session cache (lib/cache, docs/decisions/035): each instance keeps resolved sessions and cart
-- lines in memory and must hear of every change that could make one stale. PostgreSQL announces
-- them itself, so no writer (the app, an older instance mid-deploy, psql, a cascade) can forget.
-- Channel keepcart_cache; the payload is a key, never a row (payloads are capped at 8000 bytes):
--   s:<session id>  that session row, and the anonymous cart it owns
--   u:<user id>     that user (email, password, unread count), every session of theirs, their cart
--   p:<product id>  that product (name, price, stock, image, on sale) wherever a cached cart shows it
-- One function per kind of change. To make a new table evict: a function that calls
-- keepcart_cache_notify with one of these keys, and an AFTER trigger calling it (see docs/cache.md).
CREATE FUNCTION "keepcart_cache_notify"("key" text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_notify('keepcart_cache', "key")
$$;
--> statement-breakpoint
-- Session created, renewed, deleted (logout, login's rotation, sign out everywhere, admin, cascade).
CREATE FUNCTION "keepcart_cache_session"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM keepcart_cache_notify('s:' || OLD.id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM keepcart_cache_notify('s:' || NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "sessions_cache" AFTER INSERT OR UPDATE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cache_session"();
--> statement-breakpoint
-- Pruning deletes rows expired long ago: no cache serves those (it checks the expiry itself), so they
-- are not announced (5,000-row batches would otherwise send 5,000 notifications each). The hour is
-- a margin for clocks: the app's clock decides expiry, not the database's.
CREATE TRIGGER "sessions_cache_delete" AFTER DELETE ON "sessions"
  FOR EACH ROW WHEN (OLD."idle_expires_at" > now() - interval '1 hour' AND OLD."absolute_expires_at" > now() - interval '1 hour')
  EXECUTE FUNCTION "keepcart_cache_session"();
--> statement-breakpoint
-- Any change to a user row: email, password, unread count (kept by a trigger on notifications), or
-- a column added later. Deleting a user cascades to their sessions, which announce themselves.
CREATE FUNCTION "keepcart_cache_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM keepcart_cache_notify('u:' || OLD.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_cache" AFTER UPDATE ON "users"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "keepcart_cache_user"();
--> statement-breakpoint
CREATE TRIGGER "users_cache_delete" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cache_user"();
--> statement-breakpoint
-- Notification created, read or deleted: the header's unread count. (users.unread_count changes too,
-- and duplicate payloads in one transaction collapse into one notification.)
CREATE FUNCTION "keepcart_cache_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM keepcart_cache_notify('u:' || OLD.user_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM keepcart_cache_notify('u:' || NEW.user_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "notifications_cache" AFTER INSERT OR UPDATE OR DELETE ON "notifications"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cache_notification"();
--> statement-breakpoint
-- A cart row: created, its item count changed (every line change, via its counter trigger), merged
-- at login, emptied at checkout, deleted. The key is the owner's: the session, or the user.
CREATE FUNCTION "keepcart_cache_cart"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM keepcart_cache_notify(CASE WHEN OLD.user_id IS NULL THEN 's:' || OLD.session_id ELSE 'u:' || OLD.user_id END);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM keepcart_cache_notify(CASE WHEN NEW.user_id IS NULL THEN 's:' || NEW.session_id ELSE 'u:' || NEW.user_id END);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "carts_cache" AFTER INSERT OR UPDATE OR DELETE ON "carts"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cache_cart"();
--> statement-breakpoint
-- A cart line added, changed or removed, whatever the columns: announced for its cart's owner even
-- when the cart row itself does not change. (When a cart is deleted its lines find no cart here;
-- the cart's own trigger has announced it.)
CREATE FUNCTION "keepcart_cache_cart_line"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM keepcart_cache_notify(CASE WHEN c.user_id IS NULL THEN 's:' || c.session_id ELSE 'u:' || c.user_id END)
  FROM carts c
  WHERE c.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.cart_id ELSE NEW.cart_id END
     OR (TG_OP = 'UPDATE' AND c.id = OLD.cart_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "cart_items_cache" AFTER INSERT OR UPDATE OR DELETE ON "cart_items"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cache_cart_line"();
--> statement-breakpoint
-- A product changed by staff or by an order taking stock: every cached cart that shows it.
CREATE FUNCTION "keepcart_cache_product"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM keepcart_cache_notify('p:' || OLD.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "products_cache" AFTER UPDATE ON "products"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "keepcart_cache_product"();
--> statement-breakpoint
CREATE TRIGGER "products_cache_delete" AFTER DELETE ON "products"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cache_product"();
