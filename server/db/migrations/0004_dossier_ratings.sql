CREATE TABLE "dossier_ratings" (
	"instance_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"level" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossier_ratings_comment_length" CHECK (char_length("dossier_ratings"."comment") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_ratings" ADD CONSTRAINT "dossier_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_ratings_created" ON "dossier_ratings" USING btree ("created_at");