-- CreateTable
CREATE TABLE "place_withdrawals" (
    "id" UUID NOT NULL,
    "heat_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "withdrawn_by_id" UUID NOT NULL,
    "letter" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "place_withdrawals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "place_withdrawals_competition_id_idx" ON "place_withdrawals"("competition_id");

-- CreateIndex
CREATE UNIQUE INDEX "place_withdrawals_heat_id_project_id_key" ON "place_withdrawals"("heat_id", "project_id");

