import type { Scores } from './score-math';

export interface LocalDraft {
  scores: Scores;
  comment: string;
  /** True while the server has not confirmed this content. */
  unsynced: boolean;
  savedAt: number;
}

// Drafts live on the phone first: typing never waits for the venue Wi-Fi,
// and a reload or a dropped connection loses nothing.
const key = (judgeId: string, roundId: string, projectId: string) =>
  `roadshow.draft.${judgeId}.${roundId}.${projectId}`;

export const draftStore = {
  load(judgeId: string, roundId: string, projectId: string): LocalDraft | null {
    try {
      const raw = localStorage.getItem(key(judgeId, roundId, projectId));
      return raw ? (JSON.parse(raw) as LocalDraft) : null;
    } catch {
      return null;
    }
  },
  save(judgeId: string, roundId: string, projectId: string, draft: LocalDraft): void {
    localStorage.setItem(key(judgeId, roundId, projectId), JSON.stringify(draft));
  },
  clear(judgeId: string, roundId: string, projectId: string): void {
    localStorage.removeItem(key(judgeId, roundId, projectId));
  },
};
