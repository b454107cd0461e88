CREATE TABLE "workflow_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "form_definitions" (
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
	"form_key" text,
	"form_version" integer,
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
	"form_key" text,
	"form_version" integer,
	"starter_id" uuid NOT NULL,
	"starter_unit_id" uuid,
	"unit_id" uuid,
	"parent_id" uuid,
	"child_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"established_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"workflow_key" text NOT NULL,
	"state" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"visible_to_ancestors" boolean DEFAULT false NOT NULL,
	"assignee_user_id" uuid,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"instance_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dossier_clocks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"clock_key" text NOT NULL,
	"rule" jsonb NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"pauses" jsonb NOT NULL,
	"state" text NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"outbox_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"instance_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"instance_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_type" text,
	"state_name" text NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "beneficiaries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_year" integer NOT NULL,
	"cccd" text,
	"unit_id" uuid NOT NULL,
	"category" text NOT NULL,
	"circumstances" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_balances" (
	"fund_id" uuid NOT NULL,
	"earmark" text NOT NULL,
	"balance" bigint NOT NULL,
	CONSTRAINT "fund_balances_fund_id_earmark_pk" PRIMARY KEY("fund_id","earmark"),
	CONSTRAINT "fund_balances_not_negative" CHECK ("fund_balances"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"fund_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"delta" bigint NOT NULL,
	"earmark" text NOT NULL,
	"entry_date" date NOT NULL,
	"receipt_number" text,
	"donor_name" text,
	"donor_public" text,
	"method" text,
	"attachment_id" uuid,
	"instance_id" uuid,
	"line_id" text,
	"public_beneficiary" text,
	"reverses_id" uuid,
	"note" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_lines" (
	"instance_id" uuid NOT NULL,
	"line_id" text NOT NULL,
	"fund_id" uuid,
	"full_name" text NOT NULL,
	"name_key" text NOT NULL,
	"birth_year" integer NOT NULL,
	"cccd" text,
	"unit_id" uuid,
	"amount" bigint NOT NULL,
	"approved_amount" bigint,
	"status" text NOT NULL,
	"paid_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fund_lines_instance_id_line_id_pk" PRIMARY KEY("instance_id","line_id")
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_list_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"cccd" text NOT NULL,
	"programme" text NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_sequences" (
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "document_sequences_unit_id_type_year_pk" PRIMARY KEY("unit_id","type","year")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"event_seq" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"issued_on" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"signer_id" uuid,
	"signer_name" text NOT NULL,
	"signer_title" text,
	"body" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "instance_events" ADD CONSTRAINT "instance_events_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_starter_id_users_id_fk" FOREIGN KEY ("starter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_starter_unit_id_units_id_fk" FOREIGN KEY ("starter_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instances" ADD CONSTRAINT "instances_parent_id_instances_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_user_id_users_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_clocks" ADD CONSTRAINT "dossier_clocks_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beneficiaries" ADD CONSTRAINT "beneficiaries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_balances" ADD CONSTRAINT "fund_balances_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_entries" ADD CONSTRAINT "fund_entries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_lines" ADD CONSTRAINT "fund_lines_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_lines" ADD CONSTRAINT "fund_lines_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_list_entries" ADD CONSTRAINT "programme_list_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_list_entries" ADD CONSTRAINT "programme_list_entries_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_sequences" ADD CONSTRAINT "document_sequences_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_definitions_key_version" ON "workflow_definitions" USING btree ("key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "form_definitions_key_version" ON "form_definitions" USING btree ("key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "instance_events_seq" ON "instance_events" USING btree ("instance_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "instances_code" ON "instances" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "instances_parent_child" ON "instances" USING btree ("parent_id","child_key");--> statement-breakpoint
CREATE INDEX "instances_starter" ON "instances" USING btree ("starter_id","created_at");--> statement-breakpoint
CREATE INDEX "instances_workflow" ON "instances" USING btree ("workflow_key","created_at");--> statement-breakpoint
CREATE INDEX "instances_unit" ON "instances" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_user_role_unit" ON "grants" USING btree ("user_id","role","unit_id");--> statement-breakpoint
CREATE INDEX "grants_unit_role" ON "grants" USING btree ("unit_id","role");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "units_parent" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE INDEX "tasks_open_by_unit" ON "tasks" USING btree ("unit_id","role","created_at") WHERE "tasks"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_open_by_assignee" ON "tasks" USING btree ("assignee_user_id","created_at") WHERE "tasks"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_instance" ON "tasks" USING btree ("instance_id","unit_id");--> statement-breakpoint
CREATE INDEX "attachments_instance" ON "attachments" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "attachments_uploader" ON "attachments" USING btree ("uploaded_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_clocks_live" ON "dossier_clocks" USING btree ("instance_id","clock_key") WHERE "dossier_clocks"."state" <> 'stopped';--> statement-breakpoint
CREATE INDEX "dossier_clocks_instance" ON "dossier_clocks" USING btree ("instance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_outbox_user" ON "notifications" USING btree ("outbox_id","user_id");--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("id") WHERE "outbox"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "timers_due" ON "timers" USING btree ("fire_at") WHERE "timers"."fired_at" is null and "timers"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "timers_instance" ON "timers" USING btree ("instance_id","state_name");--> statement-breakpoint
CREATE UNIQUE INDEX "beneficiaries_cccd" ON "beneficiaries" USING btree ("fund_id","cccd") WHERE "beneficiaries"."cccd" is not null;--> statement-breakpoint
CREATE INDEX "beneficiaries_name" ON "beneficiaries" USING btree ("fund_id","name_key","birth_year");--> statement-breakpoint
CREATE INDEX "fund_entries_fund_date" ON "fund_entries" USING btree ("fund_id","entry_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_entries_reverses" ON "fund_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "fund_entries_instance" ON "fund_entries" USING btree ("instance_id","line_id");--> statement-breakpoint
CREATE INDEX "fund_lines_cccd" ON "fund_lines" USING btree ("cccd");--> statement-breakpoint
CREATE INDEX "fund_lines_name" ON "fund_lines" USING btree ("name_key","birth_year");--> statement-breakpoint
CREATE UNIQUE INDEX "funds_unit" ON "funds" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "programme_list_entries_cccd" ON "programme_list_entries" USING btree ("fund_id","cccd");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number" ON "documents" USING btree ("unit_id","type","year","seq");--> statement-breakpoint
CREATE INDEX "documents_instance" ON "documents" USING btree ("instance_id","issued_at");