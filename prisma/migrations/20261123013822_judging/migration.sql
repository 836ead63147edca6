-- CreateEnum
CREATE TYPE "RoundKind" AS ENUM ('EXPERT_REVIEW', 'ROADSHOW');

-- CreateEnum
CREATE TYPE "AggregationMethod" AS ENUM ('MEAN', 'TRIMMED_MEAN', 'ZSCORE');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ScoreStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateTable
CREATE TABLE "rounds" (
    "id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "heat_id" UUID NOT NULL,
    "heat_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RoundKind" NOT NULL,
    "rubric_id" UUID NOT NULL,
    "criteria" JSONB NOT NULL,
    "method" "AggregationMethod" NOT NULL,
    "trim" INTEGER NOT NULL DEFAULT 1,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "status" "RoundStatus" NOT NULL DEFAULT 'DRAFT',
    "opens_at" TIMESTAMPTZ(3),
    "closes_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "reminder_sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "round_judges" (
    "round_id" UUID NOT NULL,
    "judge_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "affiliation" TEXT,

    CONSTRAINT "round_judges_pkey" PRIMARY KEY ("round_id","judge_id")
);

-- CreateTable
CREATE TABLE "round_projects" (
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "organisation_name" TEXT NOT NULL,

    CONSTRAINT "round_projects_pkey" PRIMARY KEY ("round_id","project_id")
);

-- CreateTable
CREATE TABLE "conflicts" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "judge_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "declared_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conflicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "round_id" UUID NOT NULL,
    "judge_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("round_id","judge_id","project_id")
);

-- CreateTable
CREATE TABLE "scores" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "judge_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "scores" JSONB NOT NULL,
    "comment" TEXT,
    "total" DOUBLE PRECISION NOT NULL,
    "status" "ScoreStatus" NOT NULL DEFAULT 'DRAFT',
    "seq" BIGINT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rankings" (
    "round_id" UUID NOT NULL,
    "method" "AggregationMethod" NOT NULL,
    "final" BOOLEAN NOT NULL DEFAULT false,
    "computed_at" TIMESTAMPTZ(3) NOT NULL,
    "source_seq" BIGINT NOT NULL,
    "entries" JSONB NOT NULL,

    CONSTRAINT "rankings_pkey" PRIMARY KEY ("round_id")
);

-- CreateIndex
CREATE INDEX "rounds_heat_id_idx" ON "rounds"("heat_id");

-- CreateIndex
CREATE INDEX "rounds_status_idx" ON "rounds"("status");

-- CreateIndex
CREATE INDEX "round_judges_judge_id_idx" ON "round_judges"("judge_id");

-- CreateIndex
CREATE UNIQUE INDEX "conflicts_round_id_judge_id_project_id_key" ON "conflicts"("round_id", "judge_id", "project_id");

-- CreateIndex
CREATE INDEX "assignments_judge_id_idx" ON "assignments"("judge_id");

-- CreateIndex
CREATE INDEX "assignments_round_id_project_id_idx" ON "assignments"("round_id", "project_id");

-- CreateIndex
CREATE INDEX "scores_round_id_status_idx" ON "scores"("round_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "scores_round_id_judge_id_project_id_key" ON "scores"("round_id", "judge_id", "project_id");


-- Orders judging changes (score submits, reopens, removals, closes) so a
-- recompute knows which changes its ranking includes (see RoundLifecycle.needsRecompute).
CREATE SEQUENCE "judging_change_seq";
