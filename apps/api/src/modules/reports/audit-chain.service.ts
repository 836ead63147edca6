import { Injectable } from '@nestjs/common';
import { Actor, ChainRow, verifyAuditChain } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AuditVerifyDto } from './dto/reports.responses';

/**
 * Recomputes a competition's audit chain (docs/audit-chain.md): every row's
 * hash from the row as it stands now (PostgreSQL's audit_row_hash, the
 * function that hashed it on insert), each link to the row before it, and
 * the chain head, then names the first row that breaks it.
 */
@Injectable()
export class AuditChainService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
  ) {}

  async verify(actor: Actor, competitionId: string): Promise<AuditVerifyDto> {
    await this.competitions.assertCanManage(actor, competitionId);
    const checkedAt = new Date();
    // One consistent snapshot of the rows and the head.
    const [rows, heads] = await this.prisma.$transaction(
      [
        this.prisma.$queryRaw<
          {
            id: string;
            at: Date;
            action: string;
            seq: number | null;
            prev_hash: string | null;
            hash: string | null;
            recomputed: string;
          }[]
        >`SELECT id, at, action, seq, prev_hash, hash,
                 audit_row_hash(prev_hash, id, competition_id, seq, actor_id, action,
                                entity_type, entity_id, reason, data, at) AS recomputed
            FROM audit_log WHERE competition_id = ${competitionId}::uuid
           ORDER BY seq NULLS LAST, at, id`,
        this.prisma.auditChainHead.findMany({ where: { chainKey: competitionId } }),
      ],
      { isolationLevel: 'RepeatableRead' },
    );
    const chain: ChainRow[] = rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      seq: r.seq,
      prevHash: r.prev_hash,
      hash: r.hash,
      recomputed: r.recomputed,
    }));
    const verdict = verifyAuditChain(chain, heads[0] ?? null);
    if (verdict.ok)
      return {
        ok: true,
        count: verdict.count,
        headHash: verdict.headHash,
        checkedAt,
        broken: null,
      };
    return { ok: false, count: verdict.count, headHash: null, checkedAt, broken: verdict.broken };
  }
}
