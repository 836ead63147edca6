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
}
