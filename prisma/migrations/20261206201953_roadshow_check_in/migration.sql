-- CreateTable
CREATE TABLE "round_check_ins" (
    "round_id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3) NOT NULL,
    "by_user_id" UUID NOT NULL,

    CONSTRAINT "round_check_ins_pkey" PRIMARY KEY ("round_id","subject_type","subject_id")
);

-- CreateTable
CREATE TABLE "round_absences" (
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "marked_at" TIMESTAMPTZ(3) NOT NULL,
    "marked_by" UUID NOT NULL,

    CONSTRAINT "round_absences_pkey" PRIMARY KEY ("round_id","project_id")
);

-- CreateTable
CREATE TABLE "round_check_in_codes" (
    "round_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "round_check_in_codes_pkey" PRIMARY KEY ("round_id")
);

