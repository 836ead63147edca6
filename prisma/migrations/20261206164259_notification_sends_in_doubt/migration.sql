-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "sends_in_doubt" INTEGER NOT NULL DEFAULT 0;

