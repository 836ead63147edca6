-- CreateEnum
CREATE TYPE "AdvancementOutcome" AS ENUM ('ADVANCED', 'ELIMINATED', 'AWARDED');

-- CreateEnum
CREATE TYPE "SigningStatus" AS ENUM ('INTENT', 'NEGOTIATING', 'SIGNED', 'LANDED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "ProjectStatus" ADD VALUE 'AWARDED';

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "competition_id" UUID;

-- CreateTable
CREATE TABLE "heat_advancements" (
    "heat_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "to_heat_id" UUID,
    "count" INTEGER NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "heat_advancements_pkey" PRIMARY KEY ("heat_id")
);

-- CreateTable
CREATE TABLE "advancement_results" (
    "heat_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "result" "AdvancementOutcome" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT,
    "override" TEXT,

    CONSTRAINT "advancement_results_pkey" PRIMARY KEY ("heat_id","project_id")
);

-- CreateTable
CREATE TABLE "signings" (
    "id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "project_title" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "heat_name" TEXT NOT NULL,
    "track_code" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "enclave" TEXT,
    "investment_amount" DECIMAL(18,2),
    "landing_deadline" DATE,
    "status" "SigningStatus" NOT NULL DEFAULT 'INTENT',
    "company_name" TEXT,
    "registration_no" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_at" TIMESTAMPTZ(3),
    "landed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "signings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signing_transitions" (
    "id" UUID NOT NULL,
    "signing_id" UUID NOT NULL,
    "from" "SigningStatus" NOT NULL,
    "to" "SigningStatus" NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signing_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "heat_advancements_competition_id_idx" ON "heat_advancements"("competition_id");

-- CreateIndex
CREATE INDEX "advancement_results_competition_id_result_idx" ON "advancement_results"("competition_id", "result");

-- CreateIndex
CREATE INDEX "signings_competition_id_status_idx" ON "signings"("competition_id", "status");

-- CreateIndex
CREATE INDEX "signing_transitions_signing_id_idx" ON "signing_transitions"("signing_id");

-- CreateIndex
CREATE INDEX "audit_log_competition_id_at_idx" ON "audit_log"("competition_id", "at");

-- AddForeignKey
ALTER TABLE "signing_transitions" ADD CONSTRAINT "signing_transitions_signing_id_fkey" FOREIGN KEY ("signing_id") REFERENCES "signings"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One open signing per project and host (API.md): open means not LANDED or CANCELLED.
CREATE UNIQUE INDEX "signings_one_open_per_project_host" ON "signings" ("project_id", "host")
  WHERE "status" IN ('INTENT', 'NEGOTIATING', 'SIGNED');
