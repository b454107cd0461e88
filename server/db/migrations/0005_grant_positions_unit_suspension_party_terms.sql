ALTER TABLE "grants" ADD COLUMN "position" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "term_from" date;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "suspended_by" uuid;