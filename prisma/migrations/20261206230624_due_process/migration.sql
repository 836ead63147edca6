-- CreateTable
CREATE TABLE "due_process_settings" (
    "competition_id" UUID NOT NULL,
    "organiser_contact" TEXT NOT NULL DEFAULT '',
    "supervisor_contact" TEXT NOT NULL DEFAULT '',
    "publicity_days" INTEGER NOT NULL DEFAULT 7,
    "appeal_window_hours" INTEGER NOT NULL DEFAULT 48,
    "offer_hours" INTEGER NOT NULL DEFAULT 72,
    "vacancy_rule" TEXT NOT NULL DEFAULT 'OFFER_NEXT',
    "diligence_checklist" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "due_process_settings_pkey" PRIMARY KEY ("competition_id")
);

-- CreateTable
CREATE TABLE "publicities" (
    "id" UUID NOT NULL,
    "heat_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "heat_name" TEXT NOT NULL,
    "competition_name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "organiser_contact" TEXT NOT NULL,
    "supervisor_contact" TEXT NOT NULL,
    "vacancy_rule" TEXT NOT NULL,
    "offer_hours" INTEGER NOT NULL,
    "to_heat_id" UUID,
    "status" TEXT NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "finalised_at" TIMESTAMPTZ(3),
    "started_by_id" UUID NOT NULL,

    CONSTRAINT "publicities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publicity_entries" (
    "publicity_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "owner_email" TEXT NOT NULL,
    "owner_name" TEXT NOT NULL,
    "owner_locale" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "title" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "standing" TEXT NOT NULL,
    "award" TEXT,
    "note" TEXT,

    CONSTRAINT "publicity_entries_pkey" PRIMARY KEY ("publicity_id","project_id")
);

-- CreateTable
CREATE TABLE "objections" (
    "id" UUID NOT NULL,
    "receipt" TEXT NOT NULL,
    "publicity_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT NOT NULL,
    "contact_key" TEXT NOT NULL,
    "email" TEXT,
    "unit" TEXT NOT NULL,
    "project_id" UUID,
    "procedure" TEXT,
    "reason" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "address_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "handler_id" UUID,
    "findings" TEXT,
    "decision_reason" TEXT,
    "action" TEXT,
    "merged_into_id" UUID,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objection_evidence" (
    "id" UUID NOT NULL,
    "objection_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "objection_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appeals" (
    "id" UUID NOT NULL,
    "heat_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decision_reason" TEXT,
    "corrected_score" DOUBLE PRECISION,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appeals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "place_offers" (
    "id" UUID NOT NULL,
    "publicity_id" UUID NOT NULL,
    "heat_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "vacated_project_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "place_offers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "diligence_checks" (
    "id" UUID NOT NULL,
    "heat_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "handler_id" UUID NOT NULL,
    "checklist" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "findings" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "diligence_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "publicities_heat_id_key" ON "publicities"("heat_id");

-- CreateIndex
CREATE INDEX "publicities_status_ends_at_idx" ON "publicities"("status", "ends_at");

-- CreateIndex
CREATE INDEX "publicities_competition_id_idx" ON "publicities"("competition_id");

-- CreateIndex
CREATE UNIQUE INDEX "objections_receipt_key" ON "objections"("receipt");

-- CreateIndex
CREATE INDEX "objections_publicity_id_status_idx" ON "objections"("publicity_id", "status");

-- CreateIndex
CREATE INDEX "objections_competition_id_created_at_idx" ON "objections"("competition_id", "created_at");

-- CreateIndex
CREATE INDEX "objection_evidence_objection_id_idx" ON "objection_evidence"("objection_id");

-- CreateIndex
CREATE INDEX "appeals_competition_id_idx" ON "appeals"("competition_id");

-- CreateIndex
CREATE UNIQUE INDEX "appeals_heat_id_project_id_key" ON "appeals"("heat_id", "project_id");

-- CreateIndex
CREATE INDEX "place_offers_status_deadline_idx" ON "place_offers"("status", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "place_offers_publicity_id_project_id_key" ON "place_offers"("publicity_id", "project_id");

-- CreateIndex
CREATE UNIQUE INDEX "diligence_checks_heat_id_project_id_key" ON "diligence_checks"("heat_id", "project_id");

