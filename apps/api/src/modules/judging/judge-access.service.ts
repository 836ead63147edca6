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
}
