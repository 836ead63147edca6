import { $api } from '../../../api/query';
import { byId } from '../hooks';

/** How often an OPEN round's progress and assignments are fetched again while judges score. */
const LIVE_MS = 5000;

/**
 * The round page's answers, cached and shared by its cards. While the round
 * is OPEN the progress and the assignments refresh on their own.
 */
export function useRoundData(competitionId: string, roundId: string) {
  const round = $api.useQuery('get', '/api/v1/rounds/{id}', byId(roundId));
  const live = round.data?.status === 'OPEN' ? LIVE_MS : false;
  const judges = $api.useQuery('get', '/api/v1/rounds/{id}/judges', byId(roundId));
  const assignments = $api.useQuery('get', '/api/v1/rounds/{id}/assignments', byId(roundId), {
    refetchInterval: live,
  });
  const progress = $api.useQuery('get', '/api/v1/rounds/{id}/progress', byId(roundId), {
    refetchInterval: live,
  });
  const heatId = round.data?.heatId;
  // The heat's projects: the pool to assign from, and the titles of the pitch order.
  const projects = $api.useQuery(
    'get',
    '/api/v1/competitions/{id}/projects',
    { params: { path: { id: competitionId }, query: { heatId, pageSize: 100 } } },
    { enabled: !!heatId },
  );
  return { round, judges, assignments, progress, projects };
}
