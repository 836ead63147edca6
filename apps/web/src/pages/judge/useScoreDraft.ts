import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import type { components } from '../../api/schema';
import { draftStore } from './draft-store';
import { type Criterion, type Scores, isComplete } from './score-math';
import { saveDraft } from './submit-score';

type MyScore = components['schemas']['JudgeScoreDto'];
export type SyncState = 'idle' | 'saving' | 'saved' | 'local' | 'offline' | 'error';

const DEBOUNCE_MS = 700;
const MAX_RETRY_MS = 30000;

/**
 * The judge's draft: kept in localStorage on every keystroke, sent to the
 * server (debounced) once every criterion has a value, and re-sent with
 * backoff after a lost connection until the server has it.
 */
export function useScoreDraft(
  ids: { judgeId: string; roundId: string; projectId: string },
  criteria: Criterion[] | null,
  server: MyScore | null | undefined,
) {
  const { judgeId, roundId, projectId } = ids;
  const [scores, setScores] = useState<Scores>({});
  const [comment, setComment] = useState('');
  const [sync, setSync] = useState<SyncState>('idle');
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const retryDelay = useRef(2000);
  // The draft save on its way, if any: a submit waits for it, else the save
  // could reach the server after the submit and be refused (409).
  const inflight = useRef<Promise<unknown> | null>(null);
  // The content being edited, readable from timers without re-rendering.
  const latest = useRef<{ scores: Scores; comment: string }>({ scores: {}, comment: '' });

  // Start from the newer of the phone's unsynced draft and the server's score.
  useEffect(() => {
    if (server === undefined || !criteria || ready) return;
    const local = draftStore.load(judgeId, roundId, projectId);
    const useLocal = !!local?.unsynced && server?.status !== 'SUBMITTED';
    const start = useLocal
      ? { scores: local.scores, comment: local.comment }
      : {
          scores: server?.scores ?? local?.scores ?? {},
          comment: server?.comment ?? local?.comment ?? '',
        };
    latest.current = start;
    setScores(start.scores);
    setComment(start.comment);
    setSync(useLocal ? 'local' : server ? 'saved' : 'idle');
    setReady(true);
  }, [server, criteria, ready, judgeId, roundId, projectId]);

  const push = useCallback(async () => {
    window.clearTimeout(timer.current);
    const sent = latest.current;
    if (!criteria || !isComplete(criteria, sent.scores)) {
      setSync('local');
      return;
    }
    setSync('saving');
    try {
      const saving = saveDraft(roundId, projectId, { scores: sent.scores, comment: sent.comment });
      inflight.current = saving.catch(() => undefined);
      await saving;
      retryDelay.current = 2000;
      setError(null);
      // Typing may have gone on meanwhile: only the content sent is confirmed.
      if (latest.current === sent) {
        draftStore.save(judgeId, roundId, projectId, {
          ...sent,
          unsynced: false,
          savedAt: Date.now(),
        });
        setSync('saved');
      }
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) {
        setSync('offline');
        timer.current = window.setTimeout(() => void push(), retryDelay.current);
        retryDelay.current = Math.min(retryDelay.current * 2, MAX_RETRY_MS);
      } else {
        setSync('error');
        setError(e);
      }
    }
  }, [criteria, judgeId, roundId, projectId]);

  // Back online: send at once instead of waiting for the backoff.
  useEffect(() => {
    const online = () => {
      if (draftStore.load(judgeId, roundId, projectId)?.unsynced) void push();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [push, judgeId, roundId, projectId]);

  // Once, on load: an unsynced draft found on the phone is sent. Later edits
  // schedule themselves in `edit`, retries in `push`.
  const resumed = useRef(false);
  useEffect(() => {
    if (!ready || resumed.current) return;
    resumed.current = true;
    if (sync === 'local') timer.current = window.setTimeout(() => void push(), DEBOUNCE_MS);
  }, [ready, sync, push]);

  // Leaving the page stops the pending send or retry (the draft stays on the phone).
  useEffect(() => {
    const pending = timer;
    return () => window.clearTimeout(pending.current);
  }, []);

  const edit = useCallback(
    (next: { scores?: Scores; comment?: string }) => {
      const content = {
        scores: next.scores ?? latest.current.scores,
        comment: next.comment ?? latest.current.comment,
      };
      latest.current = content;
      setScores(content.scores);
      setComment(content.comment);
      draftStore.save(judgeId, roundId, projectId, {
        ...content,
        unsynced: true,
        savedAt: Date.now(),
      });
      setSync('local');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void push(), DEBOUNCE_MS);
    },
    [push, judgeId, roundId, projectId],
  );

  /** Before a submit: no draft save pending, none still on its way. */
  const settle = useCallback(async () => {
    window.clearTimeout(timer.current);
    await inflight.current;
  }, []);

  const forget = useCallback(() => {
    window.clearTimeout(timer.current);
    draftStore.clear(judgeId, roundId, projectId);
  }, [judgeId, roundId, projectId]);

  return { scores, comment, sync, error, ready, edit, forget, settle, flush: push };
}
