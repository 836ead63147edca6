-- The roadshow day: pitch format and reveal settings, the pitch timer's log, host reveals.
-- (round_judges.assignment_mailed_at came in 20261206170000_assignment_mail_at_open.)

-- CreateTable
CREATE TABLE "round_roadshow_settings" (
    "round_id" UUID NOT NULL,
    "pitch_minutes" INTEGER NOT NULL,
    "qa_minutes" INTEGER NOT NULL,
    "warning_seconds" INTEGER NOT NULL,
    "reveal_mode" TEXT NOT NULL,
    "judge_labels" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "round_roadshow_settings_pkey" PRIMARY KEY ("round_id")
);

-- CreateTable
CREATE TABLE "pitch_timer_actions" (
    "id" BIGSERIAL NOT NULL,
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "minutes" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID NOT NULL,

    CONSTRAINT "pitch_timer_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_reveals" (
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "revealed_at" TIMESTAMPTZ(3) NOT NULL,
    "revealed_by" UUID NOT NULL,

    CONSTRAINT "project_reveals_pkey" PRIMARY KEY ("round_id","project_id")
);

-- CreateIndex
CREATE INDEX "pitch_timer_actions_round_id_project_id_id_idx" ON "pitch_timer_actions"("round_id", "project_id", "id");

