CREATE TABLE "used_form_tokens" (
	"session_id" text NOT NULL,
	"token" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "used_form_tokens_session_id_token_pk" PRIMARY KEY("session_id","token")
);
--> statement-breakpoint
ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_purpose_valid";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "used_form_tokens" ADD CONSTRAINT "used_form_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "used_form_tokens_used_at_idx" ON "used_form_tokens" USING btree ("used_at");--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_purpose_valid" CHECK ("user_tokens"."purpose" in ('password-reset', 'email-change', 'email-confirm'));