-- AlterTable
ALTER TABLE "round_roadshow_settings" ADD COLUMN     "objection_minutes" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "sign_off_required" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "score_sheet_signatures" (
    "id" BIGSERIAL NOT NULL,
    "round_id" UUID NOT NULL,
    "judge_id" UUID NOT NULL,
    "content_hash" TEXT NOT NULL,
    "signature" BYTEA NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "score_sheet_signatures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "result_confirmations" (
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "signature" BYTEA NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3) NOT NULL,
    "revealed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "result_confirmations_pkey" PRIMARY KEY ("round_id","project_id")
);

-- CreateTable
CREATE TABLE "round_objections" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "raised_by" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "handling" TEXT,
    "reason" TEXT,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "round_objections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "score_sheet_signatures_round_id_judge_id_id_idx" ON "score_sheet_signatures"("round_id", "judge_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "round_objections_round_id_project_id_key" ON "round_objections"("round_id", "project_id");

