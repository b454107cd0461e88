CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer,
	"content_type" text,
	"body" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "fund_entries" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD COLUMN "backdate_reason" text;--> statement-breakpoint
ALTER TABLE "fund_lines" ADD COLUMN "paid_recorded_on" date;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_created" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_entries_receipt_number" ON "fund_entries" USING btree ("fund_id","receipt_number") WHERE "fund_entries"."kind" = 'receipt' and "fund_entries"."corrects_id" is null;--> statement-breakpoint
ALTER TABLE "fund_balances" ADD CONSTRAINT "fund_balances_bounded" CHECK ("fund_balances"."balance" <= 1000000000000000);--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_amount_bounded" CHECK (abs("fund_entries"."delta") <= 100000000000);