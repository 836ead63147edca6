-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('JUDGES', 'PROJECTS');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ImportRowStatus" AS ENUM ('PENDING', 'CREATED', 'ADDED', 'UPDATED', 'UNCHANGED', 'FAILED', 'SKIPPED');

-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "import_ref" TEXT;

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'PENDING',
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "encoding" TEXT,
    "heat_id" UUID,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMPTZ(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "import_id" UUID NOT NULL,
    "row_number" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" "ImportRowStatus" NOT NULL DEFAULT 'PENDING',
    "errors" JSONB,
    "entity_id" UUID,

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("import_id","row_number")
);

-- CreateTable
CREATE TABLE "competition_judges" (
    "competition_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "affiliation" TEXT,
    "phone" TEXT,
    "import_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "competition_judges_pkey" PRIMARY KEY ("competition_id","user_id")
);

-- CreateIndex
CREATE INDEX "import_jobs_competition_id_created_at_idx" ON "import_jobs"("competition_id", "created_at");

-- CreateIndex
CREATE INDEX "import_jobs_status_claimed_until_idx" ON "import_jobs"("status", "claimed_until");

-- CreateIndex
CREATE INDEX "import_rows_import_id_status_idx" ON "import_rows"("import_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "competition_judges_competition_id_email_key" ON "competition_judges"("competition_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "projects_competition_id_import_ref_key" ON "projects"("competition_id", "import_ref");

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

