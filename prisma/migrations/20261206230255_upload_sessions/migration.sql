-- CreateTable
CREATE TABLE "upload_sessions" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "field_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "offset" BIGINT NOT NULL DEFAULT 0,
    "segments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "uploaded_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "upload_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "upload_sessions_project_id_field_key_idx" ON "upload_sessions"("project_id", "field_key");

