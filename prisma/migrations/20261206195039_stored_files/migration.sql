-- AlterTable
ALTER TABLE "rounds" ADD COLUMN     "materials_view_only" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "stored_files" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "field_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "superseded_at" TIMESTAMPTZ(3),

    CONSTRAINT "stored_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stored_files_project_id_field_key_created_at_idx" ON "stored_files"("project_id", "field_key", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "stored_files_project_id_field_key_version_key" ON "stored_files"("project_id", "field_key", "version");
