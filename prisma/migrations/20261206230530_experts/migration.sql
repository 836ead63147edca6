-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "double_marking" JSONB;

-- CreateTable
CREATE TABLE "experts" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "user_id" UUID,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "title" TEXT,
    "unit" TEXT,
    "region" TEXT,
    "fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tracks" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "phone" TEXT,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "capacity" INTEGER,
    "conflict_units" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "conflict_people" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rounds_judged" INTEGER NOT NULL DEFAULT 0,
    "declines" INTEGER NOT NULL DEFAULT 0,
    "rating" INTEGER,
    "rating_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "experts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_draws" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "pool_owner_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rules" JSONB NOT NULL,
    "seed" TEXT NOT NULL,
    "seed_sha256" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'COMMITTED',
    "drawn_by_id" UUID,
    "drawn_at" TIMESTAMPTZ(3),
    "candidates" JSONB,
    "result" JSONB,

    CONSTRAINT "expert_draws_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "expert_invitations" (
    "id" UUID NOT NULL,
    "draw_id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "expert_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "replaces_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'INVITED',
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "responded_at" TIMESTAMPTZ(3),

    CONSTRAINT "expert_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "competition_pledges" (
    "competition_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "competition_pledges_pkey" PRIMARY KEY ("competition_id")
);

-- CreateTable
CREATE TABLE "pledge_acceptances" (
    "competition_id" UUID NOT NULL,
    "judge_id" UUID NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "text_sha256" TEXT NOT NULL,

    CONSTRAINT "pledge_acceptances_pkey" PRIMARY KEY ("competition_id","judge_id")
);

-- CreateIndex
CREATE INDEX "experts_user_id_idx" ON "experts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "experts_owner_id_email_key" ON "experts"("owner_id", "email");

-- CreateIndex
CREATE INDEX "expert_draws_round_id_requested_at_idx" ON "expert_draws"("round_id", "requested_at");

-- CreateIndex
CREATE INDEX "expert_invitations_user_id_idx" ON "expert_invitations"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "expert_invitations_draw_id_expert_id_key" ON "expert_invitations"("draw_id", "expert_id");

-- AddForeignKey
ALTER TABLE "expert_invitations" ADD CONSTRAINT "expert_invitations_draw_id_fkey" FOREIGN KEY ("draw_id") REFERENCES "expert_draws"("id") ON DELETE CASCADE ON UPDATE CASCADE;

