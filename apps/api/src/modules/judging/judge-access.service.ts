import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';

// The one question registration asks of judging: may this judge see this
// project? Kept to a single read of judging's own table.
@Injectable()
export class JudgeAccessService {
  constructor(private readonly prisma: PrismaService) {}

  async isAssigned(judgeId: string, projectId: string): Promise<boolean> {
    return (await this.prisma.assignment.count({ where: { judgeId, projectId } })) > 0;
  }

  // Blind review: whether this judge meets this project in a blind round. Every
  // judge-facing project view passes its project through
  // blindForJudge(project, await isBlindFor(...)) (libs/domain).
  async isBlindFor(judgeId: string, projectId: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ blind: boolean }[]>`
      SELECT bool_or(r.blind) AS blind
        FROM assignments a JOIN rounds r ON r.id = a.round_id
       WHERE a.judge_id = ${judgeId}::uuid AND a.project_id = ${projectId}::uuid`;
    return rows[0]?.blind === true;
  }

  // Materials (the files module): the OPEN rounds in which this judge is
  // assigned this project, with when each opened (the file versions a judge
  // sees are those current then), whether the round is view only, and the
  // judge's name and email as the round knows them (the watermark), whether
  // it is blind (which file fields the judge gets). Earliest
  // opened first.
  async openRoundsFor(judgeId: string, projectId: string): Promise<JudgeMaterialsAccess[]> {
    return this.prisma.$queryRaw<JudgeMaterialsAccess[]>`
      SELECT r.id AS "roundId", r.opened_at AS "openedAt",
             r.materials_view_only AS "viewOnly", r.blind AS "blind", rj.name AS "judgeName", rj.email AS "judgeEmail"
        FROM assignments a
        JOIN rounds r ON r.id = a.round_id
        JOIN round_judges rj ON rj.round_id = a.round_id AND rj.judge_id = a.judge_id
       WHERE a.judge_id = ${judgeId}::uuid AND a.project_id = ${projectId}::uuid
         AND r.status = 'OPEN' AND r.opened_at IS NOT NULL
       ORDER BY r.opened_at`;
  }
}

export interface JudgeMaterialsAccess {
  roundId: string;
  openedAt: Date;
  viewOnly: boolean;
  /** Blind review: identity file fields withheld, an anonymised copy (blindCopyOf) given instead. */
  blind: boolean;
  judgeName: string;
  judgeEmail: string;
}
