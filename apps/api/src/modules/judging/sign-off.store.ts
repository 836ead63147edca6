import { createHash } from 'node:crypto';
import { SheetLine, SheetSignatureState, sheetContent, sheetSignatureState } from '@app/domain';
import { Tx } from '@app/database';

export interface JudgeSheetState {
  judgeId: string;
  name: string;
  lines: (SheetLine & { title: string })[];
  hash: string;
  state: SheetSignatureState;
  signedAt: Date | null;
  signatureId: bigint | null;
}

export const sheetHash = (lines: SheetLine[]) =>
  createHash('sha256').update(sheetContent(lines)).digest('hex');

/**
 * Each judge's sheet in a round (assigned projects, and any project they
 * scored), its content hash now, and whether their latest signature still
 * covers it. Read in the caller's transaction (under the round's lock where
 * a decision depends on it).
 */
export async function sheetStates(
  tx: Tx,
  roundId: string,
  judgeId?: string,
): Promise<JudgeSheetState[]> {
  const only = judgeId ? { judgeId } : {};
  const [judges, assignments, scores, projects, signatures] = await Promise.all([
    tx.roundJudge.findMany({
      where: { roundId, ...only },
      orderBy: [{ name: 'asc' }, { judgeId: 'asc' }],
      select: { judgeId: true, name: true },
    }),
    tx.assignment.findMany({
      where: { roundId, ...only },
      select: { judgeId: true, projectId: true },
    }),
    tx.score.findMany({ where: { roundId, ...only } }),
    tx.roundProject.findMany({ where: { roundId }, select: { projectId: true, title: true } }),
    tx.scoreSheetSignature.findMany({
      where: { roundId, ...only },
      orderBy: { id: 'desc' },
      select: { id: true, judgeId: true, contentHash: true, signedAt: true },
    }),
  ]);
  const title = new Map(projects.map((p) => [p.projectId, p.title]));
  const latest = new Map<string, (typeof signatures)[number]>();
  for (const s of signatures) if (!latest.has(s.judgeId)) latest.set(s.judgeId, s);
  return judges.map((j) => {
    const ids = new Set([
      ...assignments.filter((a) => a.judgeId === j.judgeId).map((a) => a.projectId),
      ...scores.filter((s) => s.judgeId === j.judgeId).map((s) => s.projectId),
    ]);
    const lines = [...ids]
      .map((projectId): SheetLine & { title: string } => {
        const s = scores.find((x) => x.judgeId === j.judgeId && x.projectId === projectId);
        return {
          projectId,
          title: title.get(projectId) ?? '',
          status: s ? s.status : 'MISSING',
          scores: s ? (s.scores as Record<string, number>) : null,
          total: s ? s.total : null,
          comment: s?.comment ?? null,
        };
      })
      .sort(
        (a, b) => a.title.localeCompare(b.title, 'zh-CN') || a.projectId.localeCompare(b.projectId),
      );
    const hash = sheetHash(lines);
    const sig = latest.get(j.judgeId);
    const state = sheetSignatureState(sig?.contentHash, hash);
    return {
      judgeId: j.judgeId,
      name: j.name,
      lines,
      hash,
      state,
      signedAt: sig?.signedAt ?? null,
      signatureId: sig?.id ?? null,
    };
  });
}

/** What stops a round's close: unsigned (or voided) sheets, undecided objections. */
export async function signOffGaps(tx: Tx, roundId: string) {
  const [sheets, pending] = await Promise.all([
    sheetStates(tx, roundId),
    tx.$queryRaw<{ title: string }[]>`
      SELECT COALESCE(rp.title, '') AS title
        FROM round_objections o
        LEFT JOIN round_projects rp ON rp.round_id = o.round_id AND rp.project_id = o.project_id
       WHERE o.round_id = ${roundId}::uuid AND o.status = 'PENDING'
       ORDER BY o.raised_at`,
  ]);
  return {
    unsignedJudges: sheets.filter((s) => s.lines.length && s.state !== 'SIGNED').map((s) => s.name),
    pendingObjections: pending.map((p) => p.title),
  };
}
