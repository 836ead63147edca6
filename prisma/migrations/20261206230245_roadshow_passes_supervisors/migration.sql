-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'SUPERVISOR';

-- CreateTable
CREATE TABLE "sign_in_passes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "landing_path" TEXT NOT NULL,
    "competition_id" UUID,
    "scope_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "device_hash" TEXT,
    "bound_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_passes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "competition_supervisors" (
    "competition_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "appointed_by_id" UUID NOT NULL,
    "appointed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "competition_supervisors_pkey" PRIMARY KEY ("competition_id","user_id")
);

-- CreateTable
CREATE TABLE "supervisor_notes" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "author_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervisor_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_meeting_links" (
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" UUID NOT NULL,

    CONSTRAINT "round_meeting_links_pkey" PRIMARY KEY ("round_id","project_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sign_in_passes_token_hash_key" ON "sign_in_passes"("token_hash");

-- CreateIndex
CREATE INDEX "sign_in_passes_scope_id_user_id_idx" ON "sign_in_passes"("scope_id", "user_id");

-- CreateIndex
CREATE INDEX "competition_supervisors_user_id_idx" ON "competition_supervisors"("user_id");

-- CreateIndex
CREATE INDEX "supervisor_notes_round_id_created_at_idx" ON "supervisor_notes"("round_id", "created_at");

