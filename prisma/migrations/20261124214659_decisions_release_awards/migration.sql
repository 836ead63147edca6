-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "blind" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "peer_scores_visible" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "signing_transitions" ADD COLUMN     "message" TEXT;

-- CreateTable
CREATE TABLE "eligibility_releases" (
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "release_id" UUID NOT NULL,
    "released_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "eligibility_releases_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "result_releases" (
    "heat_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "result" "AdvancementOutcome" NOT NULL,
    "award" TEXT,
    "release_id" UUID NOT NULL,
    "released_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "result_releases_pkey" PRIMARY KEY ("heat_id","project_id")
);

-- CreateTable
CREATE TABLE "award_tiers" (
    "heat_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "award_tiers_pkey" PRIMARY KEY ("heat_id","rank")
);

-- CreateTable
CREATE TABLE "awards" (
    "heat_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "tier" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "awards_pkey" PRIMARY KEY ("heat_id","project_id")
);

-- CreateIndex
CREATE INDEX "eligibility_releases_competition_id_idx" ON "eligibility_releases"("competition_id");

-- CreateIndex
CREATE UNIQUE INDEX "award_tiers_heat_id_name_key" ON "award_tiers"("heat_id", "name");

