import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type JudgeRound = components['schemas']['JudgeRoundDto'];

export function useJudgeRound(roundId: string) {
  const [round, setRound] = useState<JudgeRound | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    call(api.GET('/api/v1/judge/rounds/{id}', { params: { path: { id: roundId } } }))
      .then((r) => {
        setRound(r);
        setError(null);
      })
      .catch(setError);
  }, [roundId]);
  useEffect(reload, [reload]);
  return { round, error, reload };
}
