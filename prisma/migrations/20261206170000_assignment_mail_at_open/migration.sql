-- A judge's assignment mail for a round goes out once, when the round opens
-- (or, in an open round, when the judge is first given projects): the time
-- it was planned, so a reassignment never mails again.
ALTER TABLE "round_judges" ADD COLUMN "assignment_mailed_at" TIMESTAMPTZ(3);
