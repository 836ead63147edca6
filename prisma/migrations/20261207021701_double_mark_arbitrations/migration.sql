-- CreateTable
CREATE TABLE "double_mark_arbitrations" (
    "round_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "total" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "double_mark_arbitrations_pkey" PRIMARY KEY ("round_id","project_id")
);

