-- AlterTable
ALTER TABLE "competitions" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'Asia/Shanghai';

