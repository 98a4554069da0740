CREATE TABLE "tag_followers" (
	"user_id" text NOT NULL,
	"tag" text NOT NULL,
	CONSTRAINT "tag_followers_user_id_tag_pk" PRIMARY KEY("user_id","tag")
);
--> statement-breakpoint
ALTER TABLE "tag_followers" ADD CONSTRAINT "tag_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tag_followers_tag_idx" ON "tag_followers" USING btree ("tag");