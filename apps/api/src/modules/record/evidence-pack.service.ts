import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Actor } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AdvancementService } from '../heats/advancement.service';
import { RankingsService } from '../judging/rankings.service';
import { RoundsService } from '../judging/rounds.service';
import { RegistrationService } from '../registration/registration.service';
import {
  EVIDENCE_SECTIONS,
  EXPECTED_SECTIONS,
  EvidenceFile,
  EvidenceSection,
  safeName as safe,
} from './evidence-sections';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface PackFile {
  path: string;
  body: Buffer;
}

/**
 * The official record of a heat (the stage's list and how it was reached), as
 * files: the rules in force (competition, heat, advancement rule, each round's
 * frozen rubric and method), each round's draw (seed, its hash, order) and
 * timing log, its final ranking, the heat's standings and advancement with
 * the basis of each result, the audit extract with its chain hashes, the
 * sections other contexts provide, and manifest.json with the SHA-256 of
 * every file (docs/verifiable-draws.md, "The official record").
 */
@Injectable()
export class EvidencePackService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly rounds: RoundsService,
    private readonly rankings: RankingsService,
    private readonly advancement: AdvancementService,
    private readonly registration: RegistrationService,
    @Optional() @Inject(EVIDENCE_SECTIONS) private readonly sections: EvidenceSection[] = [],
  ) {}

  async pack(actor: Actor, heatId: string): Promise<{ heatName: string; files: PackFile[] }> {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const generatedAt = new Date().toISOString();
    const [competition, rule, decision, results, rounds, standings] = await Promise.all([
      this.competitions.get(heat.competitionId),
      this.advancement.ruleOf(heatId),
      this.advancement.advancementOf(heatId),
      this.advancement.heatResults(heatId),
      this.rounds.recordOf(heatId),
      this.rankings.standings(actor, heatId),
    ]);
    const files: PackFile[] = [];
    const add = (path: string, content: Buffer | string) =>
      files.push({ path, body: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') });

    add(
      'rules.json',
      json({
        competition: {
          id: competition.id,
          name: competition.name,
          timeZone: competition.timeZone,
          tracks: competition.tracks,
          stages: competition.stages,
        },
        heat: {
          id: heat.id,
          name: heat.name,
          stage: heat.stage,
          advanceQuota: heat.advanceQuota ?? null,
        },
        advancementRule: (decision?.rule as unknown) ?? rule,
        rounds: rounds.map(({ round }) => ({
          id: round.id,
          name: round.name,
          kind: round.kind,
          method: round.method,
          trim: round.trim,
          weight: round.weight,
          rubricId: round.rubricId,
          criteria: round.criteria,
          status: round.status,
        })),
        drawAlgorithm: 'drawByLot (docs/verifiable-draws.md, scripts/verify-draw.js)',
      }),
    );
    const roundIds = new Set<string>();
    for (const [i, { round, timing }] of rounds.entries()) {
      roundIds.add(round.id);
      const dir = `rounds/${String(i + 1).padStart(2, '0')}-${safe(round.name)}`;
      const drawAudit = await this.prisma.auditEntry.findMany({
        where: {
          entityId: round.id,
          action: {
            in: [
              'round.pitch-seed-committed',
              'round.pitch-order-drawn',
              'round.pitch-order-redrawn',
            ],
          },
        },
        orderBy: { seq: 'asc' },
      });
      add(
        `${dir}/draw.json`,
        json({
          roundId: round.id,
          seed: round.pitchSeed,
          seedHash: round.pitchSeed
            ? createHash('sha256').update(round.pitchSeed, 'utf8').digest('hex')
            : null,
          order: round.pitchOrder,
          drawnAt: round.pitchOrderDrawnAt,
          verify: round.pitchSeed
            ? `node scripts/verify-draw.js --seed ${round.pitchSeed} --file candidates.txt`
            : null,
          history: drawAudit.map((a) => ({
            action: a.action,
            at: a.at,
            reason: a.reason,
            data: a.data,
            auditSeq: a.seq,
            auditHash: a.hash,
          })),
        }),
      );
      add(`${dir}/timing.json`, json({ roundId: round.id, actions: timing }));
      if (round.status === 'CLOSED')
        add(`${dir}/ranking.json`, json(await this.rankings.readForOrganisers(round.id)));
    }
    add('lists/standings.json', json(standings));
    const titles = new Map(
      (await this.registration.ownersOf(results.map((r) => r.projectId))).map((p) => [
        p.id,
        p.title,
      ]),
    );
    add(
      'lists/advancement.json',
      json({
        decided: decision
          ? {
              at: decision.decidedAt,
              by: decision.decidedById,
              toHeatId: decision.toHeatId,
              count: decision.count,
            }
          : null,
        results: results.map((r) => ({
          projectId: r.projectId,
          title: titles.get(r.projectId) ?? '',
          result: r.result,
          score: r.score,
          basis: r.basis,
          reason: r.reason,
          override: r.override,
        })),
      }),
    );
    const projectIds = results.map((r) => r.projectId);
    const heatRef = { id: heatId, competitionId: heat.competitionId };
    const sectionIds = await Promise.all(
      this.sections.map((s) => s.auditEntityIds?.(heatRef) ?? Promise.resolve([])),
    );
    const audit = await this.prisma.auditEntry.findMany({
      where: {
        competitionId: heat.competitionId,
        entityId: { in: [heatId, ...roundIds, ...projectIds, ...sectionIds.flat()] },
      },
      orderBy: { seq: 'asc' },
    });
    add('audit.jsonl', audit.map((a) => JSON.stringify(a)).join('\n') + (audit.length ? '\n' : ''));

    const provided: string[] = [];
    for (const section of this.sections) {
      const sectionFiles: EvidenceFile[] = await section.files(heatRef);
      provided.push(section.name);
      for (const f of sectionFiles) add(`${safe(section.name)}/${f.path}`, f.content);
    }
    const manifest = {
      kind: 'evidence-pack',
      version: 1,
      generatedAt,
      generatedBy: actor.id,
      competitionId: heat.competitionId,
      heatId,
      heatName: heat.name,
      auditChain: audit.length
        ? {
            lastSeqIncluded: audit[audit.length - 1].seq,
            note: 'verify with GET /competitions/:id/audit/verify',
          }
        : null,
      sections: {
        provided,
        notYetProvided: EXPECTED_SECTIONS.filter((s) => !provided.includes(s)),
      },
      files: files.map((f) => ({ path: f.path, bytes: f.body.length, sha256: sha256(f.body) })),
    };
    add('manifest.json', json(manifest));
    return { heatName: heat.name, files };
  }
}
