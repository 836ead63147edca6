-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prev_hash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- AlterTable
ALTER TABLE "heat_advancements" ADD COLUMN     "rule" JSONB;

-- AlterTable
ALTER TABLE "advancement_results" ADD COLUMN     "basis" JSONB;

-- CreateTable
CREATE TABLE "audit_chain_heads" (
    "chain_key" TEXT NOT NULL,
    "length" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_heads_pkey" PRIMARY KEY ("chain_key")
);

-- CreateTable
CREATE TABLE "heat_advancement_rules" (
    "heat_id" UUID NOT NULL,
    "competition_id" UUID NOT NULL,
    "rule" JSONB NOT NULL,
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "heat_advancement_rules_pkey" PRIMARY KEY ("heat_id")
);

-- CreateIndex
CREATE INDEX "heat_advancement_rules_competition_id_idx" ON "heat_advancement_rules"("competition_id");

-- CreateIndex
CREATE INDEX "audit_log_competition_id_seq_idx" ON "audit_log"("competition_id", "seq");


-- ─────────── The tamper-evident audit chain (docs/audit-chain.md) ───────────
-- The hash of a row: SHA-256 (hex) of the UTF-8 text of this JSON array, as
-- the jsonb of PostgreSQL prints it:
--   [prev_hash, id, competition_id, seq, actor_id, action, entity_type,
--    entity_id, reason, data, at as milliseconds since 1970-01-01 UTC]
CREATE FUNCTION audit_row_hash(
  p_prev TEXT, p_id UUID, p_competition UUID, p_seq INTEGER, p_actor UUID, p_action TEXT,
  p_entity_type TEXT, p_entity UUID, p_reason TEXT, p_data JSONB, p_at TIMESTAMPTZ
) RETURNS TEXT LANGUAGE sql STABLE AS E'\n  SELECT encode(sha256(convert_to(jsonb_build_array(\n    p_prev, p_id::text, p_competition::text, p_seq, p_actor::text, p_action, p_entity_type,\n    p_entity::text, p_reason, p_data, (extract(epoch FROM p_at) * 1000)::bigint\n  )::text, ''UTF8'')), ''hex'')\n';

-- Appends each new row to the chain of its competition. The head row is locked
-- (FOR UPDATE) until the inserting transaction ends: appends to one chain
-- serialize, appends to different competitions do not wait on each other.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS E'\nDECLARE\n  k TEXT := coalesce(NEW.competition_id::text, ''global'')\073\n  h audit_chain_heads%ROWTYPE\073\nBEGIN\n  INSERT INTO audit_chain_heads (chain_key, length, last_hash)\n    VALUES (k, 0, repeat(''0'', 64)) ON CONFLICT (chain_key) DO NOTHING\073\n  SELECT * INTO h FROM audit_chain_heads WHERE chain_key = k FOR UPDATE\073\n  NEW.seq := h.length + 1\073\n  NEW.prev_hash := h.last_hash\073\n  NEW.hash := audit_row_hash(NEW.prev_hash, NEW.id, NEW.competition_id, NEW.seq, NEW.actor_id,\n    NEW.action, NEW.entity_type, NEW.entity_id, NEW.reason, NEW.data, NEW.at)\073\n  UPDATE audit_chain_heads SET length = NEW.seq, last_hash = NEW.hash WHERE chain_key = k\073\n  RETURN NEW\073\nEND\n';

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Re-chains one chain from its rows in time order (by at, then id): the
-- backfill below, and a seed that dates its rows into the past after writing
-- them. Never called by the application.
CREATE FUNCTION audit_rechain(k TEXT) RETURNS INTEGER LANGUAGE plpgsql AS E'\nDECLARE\n  r RECORD\073\n  n INTEGER := 0\073\n  prev TEXT := repeat(''0'', 64)\073\nBEGIN\n  INSERT INTO audit_chain_heads (chain_key, length, last_hash)\n    VALUES (k, 0, repeat(''0'', 64)) ON CONFLICT (chain_key) DO NOTHING\073\n  PERFORM 1 FROM audit_chain_heads WHERE chain_key = k FOR UPDATE\073\n  FOR r IN SELECT * FROM audit_log WHERE coalesce(competition_id::text, ''global'') = k\n           ORDER BY at, id LOOP\n    n := n + 1\073\n    UPDATE audit_log SET seq = n, prev_hash = prev,\n      hash = audit_row_hash(prev, r.id, r.competition_id, n, r.actor_id, r.action,\n        r.entity_type, r.entity_id, r.reason, r.data, r.at)\n      WHERE id = r.id RETURNING hash INTO prev\073\n  END LOOP\073\n  UPDATE audit_chain_heads SET length = n, last_hash = prev WHERE chain_key = k\073\n  RETURN n\073\nEND\n';

-- Backfill: every existing chain, in time order.
SELECT audit_rechain(k) FROM (
  SELECT DISTINCT coalesce(competition_id::text, 'global') AS k FROM audit_log
) chains;
