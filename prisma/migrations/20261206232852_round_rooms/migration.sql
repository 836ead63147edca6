-- CreateTable
CREATE TABLE "round_room_plans" (
    "round_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "advance" INTEGER,
    "rooms" JSONB NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL,
    "set_by" UUID NOT NULL,

    CONSTRAINT "round_room_plans_pkey" PRIMARY KEY ("round_id")
);

