-- Mails planned before notifications.competition_id existed (20261124220302)
-- get the competition their event names: directly, or through its round,
-- heat or project. From now on the notifications context answers "whose mail
-- is this?" from its own table, without reading judging's, competitions' or
-- registration's.
UPDATE "notifications" n
   SET "competition_id" = COALESCE(
         (o.payload->>'competitionId')::uuid,
         (SELECT r.competition_id FROM rounds r WHERE r.id::text = o.payload->>'roundId'),
         (SELECT h.competition_id FROM heats h WHERE h.id::text = o.payload->>'heatId'),
         (SELECT p.competition_id FROM projects p WHERE p.id::text = o.payload->>'projectId'))
  FROM "outbox_events" o
 WHERE o.id = n.event_id AND n.competition_id IS NULL;
