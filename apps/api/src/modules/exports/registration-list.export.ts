import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  AnswerValue,
  ExportLang,
  answerColumns,
  formatZonedCell,
  projectStatusLabel,
  zoneLabel,
} from '@app/domain';
import { RegistrationFormService } from '../registration/form/registration-form.service';
import { CompetitionsService } from '../competitions/competitions.service';
import { FileLookupService } from '../files/file-lookup.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import type { XlsxCell } from '../../common/xlsx';
import { ExportProjectsQuery } from './dto/exports.dto';

export interface ExportTable {
  title: string;
  headers: string[];
  rows: XlsxCell[][];
}

const PAGE = 100;

// The registration list (报名表) of a competition, filtered like
// GET /competitions/:id/projects, with names instead of codes.
@Injectable()
export class RegistrationListExport {
  constructor(
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly forms: RegistrationFormService,
    private readonly files: FileLookupService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(
    actor: Actor,
    competitionId: string,
    query: ExportProjectsQuery,
    lang: ExportLang,
  ): Promise<ExportTable> {
    const filter = { status: query.status, heatId: query.heatId, trackCode: query.trackCode };
    const projects = [];
    for (let page = 1; ; page++) {
      const res = await this.registration.listForOrganiser(actor, competitionId, {
        ...filter,
        page,
        pageSize: PAGE,
      });
      projects.push(...res.items);
      if (res.items.length < PAGE) break;
    }
    const form = await this.forms.formOf(competitionId);
    const fileKeys = form.fields.filter((f) => f.type === 'file').map((f) => f.key);
    const answerFileIds = projects.flatMap((p) =>
      fileKeys
        .map((k) => ((p.answers ?? {}) as Record<string, AnswerValue>)[k])
        .filter((v): v is string => typeof v === 'string'),
    );
    const [competition, heats, owners, stored] = await Promise.all([
      this.competitions.get(competitionId),
      this.competitions.listHeats(competitionId),
      this.identity.findUsers([...new Set(projects.map((p) => p.ownerId))]),
      this.files.filesByIds([...new Set(answerFileIds)]),
    ]);
    // A file answer is shown as the file's name, its version and a link to
    // it (GET /files/:id: the reader's own session decides, the link gives
    // nothing to whoever may not read it), not its id.
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    const fileName = new Map(
      stored.map((f) => {
        const link = `${base}/api/v1/files/${f.id}`;
        return [
          f.id,
          lang === 'zh'
            ? `${f.name}（第 ${f.version} 版） ${link}`
            : `${f.name} (v${f.version}) ${link}`,
        ];
      }),
    );
    const withFileNames = (answers: Record<string, AnswerValue>) => {
      const shown = { ...answers };
      for (const key of fileKeys) {
        const id = shown[key];
        if (typeof id === 'string') shown[key] = fileName.get(id) ?? id;
      }
      return shown;
    };
    const zone = competition.timeZone;
    const track = new Map(competition.tracks.map((t) => [t.code, t.name]));
    const heat = new Map(heats.map((h) => [h.id, h.name]));
    const owner = new Map(owners.map((o) => [o.id, o]));
    const zh = lang === 'zh';
    // Every field of the competition's form, after the core columns: its
    // label (and unit) as the header, answers in words.
    const extra = answerColumns(form, zh ? 'zh' : 'en');
    const groupLabel = new Map(
      (form.groups ?? []).map((g) => [g.key, zh ? g.label.zh : g.label.en || g.label.zh]),
    );
    const at = zh ? `（${zoneLabel(zone, 'zh')}）` : ` (${zoneLabel(zone, 'en')})`;
    const headers = zh
      ? [
          '序号',
          '项目名称',
          '赛道',
          '赛区',
          '单位名称',
          '所在城市',
          '成立时间',
          '申报人',
          '申报人邮箱',
          '团队成员',
          '融资阶段',
          '状态',
          '审查意见',
          `提交时间${at}`,
          `审查时间${at}`,
          '组别',
          ...extra.headers,
          '资格提示',
          `声明确认时间${at}`,
          '项目编号',
        ]
      : [
          'No.',
          'Title',
          'Track',
          'Heat',
          'Organisation',
          'City',
          'Founded',
          'Applicant',
          'Applicant email',
          'Team',
          'Funding stage',
          'Status',
          'Review note',
          `Submitted${at}`,
          `Reviewed${at}`,
          'Group',
          ...extra.headers,
          'Eligibility flags',
          `Declaration accepted${at}`,
          'Project ID',
        ];
    const rows = projects.map((p, i): XlsxCell[] => {
      const org = (p.organisation ?? {}) as { name?: string; city?: string; foundedAt?: string };
      const team = Array.isArray(p.team) ? (p.team as { name?: string }[]) : [];
      const o = owner.get(p.ownerId);
      return [
        i + 1,
        p.title,
        track.get(p.trackCode) ?? p.trackCode,
        heat.get(p.heatId) ?? '',
        org.name ?? p.organisationName,
        org.city ?? null,
        org.foundedAt ?? null,
        o?.name ?? null,
        o?.email ?? null,
        team
          .map((m) => m.name)
          .filter(Boolean)
          .join(zh ? '、' : ', '),
        p.fundingStage,
        projectStatusLabel(p.status, lang),
        p.reviewReason,
        formatZonedCell(p.submittedAt, zone) || null,
        formatZonedCell(p.reviewedAt, zone) || null,
        p.groupKey ? (groupLabel.get(p.groupKey) ?? p.groupKey) : null,
        ...extra.cells(withFileNames((p.answers ?? {}) as Record<string, AnswerValue>)),
        p.flags
          .map((f) => `${zh ? f.label.zh : f.label.en}：${zh ? f.reason.zh : f.reason.en}`)
          .join('；') || null,
        formatZonedCell(p.declarationAcceptedAt, zone) || null,
        p.id,
      ];
    });
    return { title: `${competition.name} · ${zh ? '报名表' : 'Registrations'}`, headers, rows };
  }
}
