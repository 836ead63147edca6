-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "pitch_seed_next" TEXT,
ADD COLUMN     "pitch_seed_next_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "idempotency_keys" ADD COLUMN     "claim_id" UUID;

-- CreateTable
CREATE TABLE "screen_tickets" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "issued_by_id" UUID NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "renewed_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "end_reason" TEXT,

    CONSTRAINT "screen_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "screen_tickets_round_id_issued_at_idx" ON "screen_tickets"("round_id", "issued_at");

