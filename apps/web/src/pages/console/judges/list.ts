import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../../api/client';
import type { components } from '../../../api/schema';

export type JudgeUser = components['schemas']['UserListItemDto'];

/** The judges this organiser may use: those it created or imported, and those in its competitions' pools. */
async function judgeList(): Promise<JudgeUser[]> {
  const all: JudgeUser[] = [];
  for (let page = 1; ; page++) {
    const res = await call(
      api.GET('/api/v1/users', { params: { query: { role: 'JUDGE', pageSize: 200, page } } }),
    );
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) return all;
  }
}

/** Every page of GET /users?role=JUDGE, cached as one list. */
export function useJudgeList() {
  return useQuery({ queryKey: ['get', '/api/v1/users', 'every JUDGE page'], queryFn: judgeList });
}
