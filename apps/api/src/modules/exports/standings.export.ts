import { Injectable } from '@nestjs/common';
import { Actor, ExportLang } from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';
import { RankingsService } from '../judging/rankings.service';
import { RoundsService } from '../judging/rounds.service';
import type { ExportTable } from './registration-list.export';

type Format = 'csv' | 'xlsx';

// Scores and spreads to two decimals: as text in CSV (85.50, as announced),
// as numbers in a workbook.
const decimal = (n: number, format: Format) => (format === 'csv' ? n.toFixed(2) : n);

// A heat's standings and a round's ranking as spreadsheets: names, never ids;
// headers in Chinese by default, English with ?lang=en.
@Injectable()
export class StandingsExport {
  constructor(
    private readonly competitions: CompetitionsService,
    private readonly rankings: RankingsService,
    private readonly rounds: RoundsService,
  ) {}

  async heat(actor: Actor, heatId: string, lang: ExportLang, format: Format): Promise<ExportTable> {
    const standings = await this.rankings.standings(actor, heatId);
    const [heat, organisations] = await Promise.all([
      this.competitions.getHeat(heatId),
      this.rankings.organisationNames(standings.entries.map((e) => e.projectId)),
    ]);
    const zh = lang === 'zh';
    return {
      title: `${heat.name} · ${zh ? '成绩排名' : 'Standings'}${standings.final ? '' : zh ? '（未定）' : ' (provisional)'}`,
      headers: zh
        ? ['名次', '项目名称', '单位名称', '综合得分', '评委数', '最大分差']
        : ['Rank', 'Project', 'Organisation', 'Score', 'Judges', 'Spread'],
      rows: standings.entries.map((e) => [
        e.rank,
        e.title,
        organisations.get(e.projectId) ?? '',
        decimal(e.score, format),
        e.judgeCount,
        decimal(e.spread, format),
      ]),
    };
  }

  // The organisers' ranking of a round: a partial score is marked by its
  // judges counted of those assigned.
  async round(
    actor: Actor,
    roundId: string,
    lang: ExportLang,
    format: Format,
  ): Promise<ExportTable> {
    const round = await this.rounds.managed(actor, roundId);
    const ranking = await this.rankings.readForOrganisers(roundId, round.method);
    const organisations = await this.rankings.organisationNames(
      ranking.entries.map((e) => e.projectId),
    );
    const zh = lang === 'zh';
    // A double-marked (2+1) round adds whether each project needed a third
    // expert and whether its 2+1 result is decided (docs/expert-draw.md).
    const doubleMarked = round.doubleMarking !== null;
    const status = (s: string | undefined) =>
      zh
        ? ({ DONE: '已确定', NEEDS_THIRD: '待第三位专家评分', NEEDS_ARBITRATION: '待主评专家仲裁' }[
            s ?? ''
          ] ?? '待评')
        : ({
            DONE: 'decided',
            NEEDS_THIRD: 'awaiting the third expert',
            NEEDS_ARBITRATION: 'awaiting arbitration',
          }[s ?? ''] ?? 'pending');
    const extraHeaders = doubleMarked
      ? zh
        ? ['第三位专家', '双评结果']
        : ['Third expert', '2+1 result']
      : [];
    const extra = (e: (typeof ranking.entries)[number]) =>
      doubleMarked
        ? [e.thirdExpert ? (zh ? '是' : 'yes') : zh ? '否' : 'no', status(e.doubleMarkStatus)]
        : [];
    return {
      title: `${round.heatName} · ${round.name} · ${zh ? '排名' : 'Ranking'}`,
      headers: zh
        ? [
            '名次',
            '项目名称',
            '单位名称',
            '得分',
            '已评评委数',
            '应评评委数',
            '评分完成',
            '最大分差',
            ...extraHeaders,
          ]
        : [
            'Rank',
            'Project',
            'Organisation',
            'Score',
            'Judges counted',
            'Judges assigned',
            'Complete',
            'Spread',
            ...extraHeaders,
          ],
      rows: ranking.entries.map((e) => [
        e.rank,
        e.title,
        organisations.get(e.projectId) ?? '',
        decimal(e.score, format),
        e.judgeCount,
        e.assignedJudges,
        e.complete ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
        decimal(e.spread, format),
        ...extra(e),
      ]),
    };
  }
}
