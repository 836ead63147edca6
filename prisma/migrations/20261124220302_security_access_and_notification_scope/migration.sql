-- AlterTable
ALTER TABLE "users" ADD COLUMN     "disabled_at" TIMESTAMPTZ(3),
ADD COLUMN     "token_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "competition_id" UUID;

-- CreateIndex
CREATE INDEX "notifications_competition_id_created_at_idx" ON "notifications"("competition_id", "created_at");

