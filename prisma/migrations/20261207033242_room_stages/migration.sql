-- CreateTable
CREATE TABLE "round_room_stages" (
    "round_id" UUID NOT NULL,
    "room_id" UUID NOT NULL,
    "now_pitching_project_id" UUID,

    CONSTRAINT "round_room_stages_pkey" PRIMARY KEY ("round_id","room_id")
);

