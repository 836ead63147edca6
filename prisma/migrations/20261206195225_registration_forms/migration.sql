-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "answers" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "declaration_accepted_at" TIMESTAMPTZ(3),
ADD COLUMN     "declaration_accepted_by_id" UUID,
ADD COLUMN     "declaration_ip" TEXT,
ADD COLUMN     "group_key" TEXT;

-- CreateTable
CREATE TABLE "registration_forms" (
    "competition_id" UUID NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID NOT NULL,

    CONSTRAINT "registration_forms_pkey" PRIMARY KEY ("competition_id")
);

