-- AlterTable
ALTER TABLE "rankings" ADD COLUMN     "source_snapshot" TEXT;

