import { Injectable } from '@nestjs/common';
import {
  Actor,
  ExportLang,
  formatHumanTime,
  formatZonedCell,
  scoreStatusLabel,
  zoneLabel,
} from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';
import { ScoreSheetService } from '../judging/score-sheet.service';
import type { PrintableSheet, XlsxCell } from '../../common/xlsx';

// The per-judge score sheet of a round (评分表): one printable sheet per judge
// with every criterion, the total, the comment and when it was submitted, and
// a line to sign; the CSV holds the same rows, one table for all judges.
@Injectable()
export class ScoreSheetExport {
  constructor(
    private readonly sheets: ScoreSheetService,
    private readonly competitions: CompetitionsService,
  ) {}

  async build(actor: Actor, roundId: string, lang: ExportLang, now = new Date()) {
    const sheet = await this.sheets.forRound(actor, roundId);
    const competition = await this.competitions.get(sheet.round.competitionId);
    const zone = competition.timeZone;
    const zh = lang === 'zh';
    const criteria = sheet.round.criteria;
    const at = zh ? `（${zoneLabel(zone, 'zh')}）` : ` (${zoneLabel(zone, 'en')})`;
    const criterionHeaders = criteria.map((c) =>
      zh
        ? `${c.name}（满分${c.maxScore}，权重${c.weight}）`
        : `${c.name} (max ${c.maxScore}, weight ${c.weight})`,
    );
    const tail = zh
      ? ['总分', '评语', '状态', `提交时间${at}`]
      : ['Total', 'Comment', 'Status', `Submitted${at}`];
    const title = `${competition.name} · ${sheet.round.heatName} · ${sheet.round.name} · ${zh ? '评分表' : 'Score sheet'}`;
    const printed = formatHumanTime(now, zone, lang);

    const scoreCells = (p: (typeof sheet.judges)[number]['projects'][number]): XlsxCell[] => [
      ...criteria.map((c) => p.scores?.[c.code] ?? null),
      p.total,
      p.comment,
      scoreStatusLabel(p.status, lang),
      formatZonedCell(p.submittedAt, zone) || null,
    ];

    const xlsx: PrintableSheet[] = sheet.judges.map((j) => ({
      name: j.name,
      title,
      subtitle: [
        zh
          ? `评委：${j.name}${j.affiliation ? `\u3000单位：${j.affiliation}` : ''}\u3000打印时间：${printed}`
          : `Judge: ${j.name}${j.affiliation ? `, ${j.affiliation}` : ''}. Printed ${printed}`,
      ],
      headers: [
        ...(zh ? ['序号', '项目名称', '单位名称'] : ['No.', 'Project', 'Organisation']),
        ...criterionHeaders,
        ...tail,
      ],
      rows: j.projects.map((p, i) => [i + 1, p.title, p.organisationName, ...scoreCells(p)]),
      footer: [
        zh
          ? '评委签字：____________________\u3000\u3000\u3000日期：____________________'
          : 'Judge’s signature: ____________________      Date: ____________________',
      ],
    }));

    const csvHeaders = [
      ...(zh
        ? ['评委', '评委单位', '评委邮箱', '项目名称', '单位名称']
        : ['Judge', 'Judge affiliation', 'Judge email', 'Project', 'Organisation']),
      ...criterionHeaders,
      ...tail,
    ];
    const csvRows = sheet.judges.flatMap((j) =>
      j.projects.map((p): XlsxCell[] => [
        j.name,
        j.affiliation,
        j.email,
        p.title,
        p.organisationName,
        ...scoreCells(p),
      ]),
    );
    return { title, xlsx, csv: { headers: csvHeaders, rows: csvRows } };
  }
}
