-- Every change of a 公示 or of its list NOTIFYs `publicity_changed` with the
-- publicity's id once its transaction commits, whoever wrote it (the api, the
-- worker's scheduler, an operator's SQL): each api process then drops its
-- cached copy of that public page (PublicityViewCache). PostgreSQL delivers one
-- notification per id and transaction however many rows changed.
-- (The migration runner splits scripts at semicolons, even inside $$, so the
-- bodies are E-strings with \073 for each semicolon.)
CREATE FUNCTION publicity_changed() RETURNS trigger LANGUAGE plpgsql AS E'\nBEGIN\n  PERFORM pg_notify(''publicity_changed'', NEW.id::text)\073\n  RETURN NULL\073\nEND\n';

CREATE TRIGGER publicity_changed AFTER INSERT OR UPDATE ON publicities
  FOR EACH ROW EXECUTE FUNCTION publicity_changed();

CREATE FUNCTION publicity_entry_changed() RETURNS trigger LANGUAGE plpgsql AS E'\nBEGIN\n  PERFORM pg_notify(''publicity_changed'', coalesce(NEW.publicity_id, OLD.publicity_id)::text)\073\n  RETURN NULL\073\nEND\n';

CREATE TRIGGER publicity_entry_changed AFTER INSERT OR UPDATE OR DELETE ON publicity_entries
  FOR EACH ROW EXECUTE FUNCTION publicity_entry_changed();
