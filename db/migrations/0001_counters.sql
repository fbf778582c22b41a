ALTER TABLE "carts" ADD COLUMN "item_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "unread_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The session read shows the cart's item count and the unread count on every request. It takes them
-- from these two columns instead of summing lines per request (docs/decisions/025). Triggers keep
-- them, so every writer (the app, an old instance mid-deploy, psql, cascades) keeps them right.
-- ADD COLUMN above holds carts and users exclusively until this migration commits, so no write can
-- slip between the triggers' creation and the backfill below.
CREATE FUNCTION "keepcart_cart_item_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE carts SET item_count = item_count - OLD.quantity WHERE id = OLD.cart_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE carts SET item_count = item_count + NEW.quantity WHERE id = NEW.cart_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "cart_items_item_count" AFTER INSERT OR DELETE OR UPDATE OF "quantity", "cart_id" ON "cart_items"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_cart_item_count"();
--> statement-breakpoint
CREATE FUNCTION "keepcart_unread_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.read_at IS NULL THEN
    UPDATE users SET unread_count = unread_count - 1 WHERE id = OLD.user_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.read_at IS NULL THEN
    UPDATE users SET unread_count = unread_count + 1 WHERE id = NEW.user_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "notifications_unread_count" AFTER INSERT OR DELETE OR UPDATE OF "read_at", "user_id" ON "notifications"
  FOR EACH ROW EXECUTE FUNCTION "keepcart_unread_count"();
--> statement-breakpoint
UPDATE "carts" c SET "item_count" = coalesce((SELECT sum(ci."quantity") FROM "cart_items" ci WHERE ci."cart_id" = c."id"), 0);
--> statement-breakpoint
UPDATE "users" u SET "unread_count" = (SELECT count(*) FROM "notifications" n WHERE n."user_id" = u."id" AND n."read_at" IS NULL);
