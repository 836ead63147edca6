-- CreateTable
CREATE TABLE "registration_forms" (
    "competition_id" UUID NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3),
    "updated_by" UUID,

    CONSTRAINT "registration_forms_pkey" PRIMARY KEY ("competition_id")
);

-- AddForeignKey
ALTER TABLE "registration_forms" ADD CONSTRAINT "registration_forms_competition_id_fkey" FOREIGN KEY ("competition_id") REFERENCES "competitions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
