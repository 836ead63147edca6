-- AlterTable
ALTER TABLE "supervisor_notes" ADD COLUMN     "room_id" UUID;
