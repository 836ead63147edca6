import { http } from '../http';
import type { JudgeUser } from '../types';

/** The judges this organiser may use: those it created or imported, and those in its competitions' pools. */
export async function judgeList(): Promise<JudgeUser[]> {
  const all: JudgeUser[] = [];
  for (let page = 1; ; page++) {
    const res = await http<{ items: JudgeUser[]; total: number }>(
      'GET',
      `/users?role=JUDGE&pageSize=200&page=${page}`,
    );
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) return all;
  }
}
