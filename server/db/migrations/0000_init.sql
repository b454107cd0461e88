CREATE TABLE "workflow_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "instance_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"actor_roles" text[] NOT NULL,
	"data" jsonb,
	"from_state" text[] NOT NULL,
	"to_state" text[] NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"workflow_key" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"state" text[] NOT NULL,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"starter_id" uuid NOT NULL,
	"unit_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instance_events" ADD CONSTRAINT "instance_events_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_definitions_key_version" ON "workflow_definitions" USING btree ("key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "instance_events_seq" ON "instance_events" USING btree ("instance_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "instances_code" ON "instances" USING btree ("code");--> statement-breakpoint
CREATE INDEX "instances_starter" ON "instances" USING btree ("starter_id","created_at");--> statement-breakpoint
CREATE INDEX "instances_workflow" ON "instances" USING btree ("workflow_key","created_at");