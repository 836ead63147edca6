-- AlterTable
ALTER TABLE "invitations" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'INVITATION';

-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "now_pitching_project_id" UUID,
ADD COLUMN     "pitch_order" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "pitch_order_drawn_at" TIMESTAMPTZ(3),
ADD COLUMN     "pitch_seed" TEXT;

