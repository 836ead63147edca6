// What one spreadsheet row must hold to become a judge or a project, and its
// values normalised. Every problem names its field, in English and Chinese.
import { dateInZone } from '../time/time-zone';

export interface CellProblem {
  field: string;
  message: string;
  messageZh: string;
}

export type RowValues = Record<string, string>;

export interface JudgeImportRow {
  name: string;
  email: string;
  affiliation: string | null;
  phone: string | null;
}

export interface ProjectImportRow {
  // Idempotency key: the portal's reference when the sheet has one, else
  // the title and organisation (a portal lists one project per pair).
  importRef: string;
  externalRef: string | null;
  title: string;
  summary: string;
  trackCode: string;
  heatId: string;
  organisation: { name: string; city?: string; province?: string; foundedAt?: string };
  contact: { name: string; email: string; phone: string | null };
  team: string[];
  fundingStage: string | null;
}

export interface ProjectImportContext {
  tracks: { code: string; name: string }[];
  // The competition's first-stage heats, where projects enter.
  heats: { id: string; name: string }[];
  // The heat for rows without a 赛区 cell.
  defaultHeatId?: string;
  // The competition's zone: "today", for a founding date in the future.
  timeZone?: string;
}

const EMAIL = /^[^\s@",;<>()]+@[^\s@",;<>()]+\.[^\s@",;<>()]+$/;
const PHONE = /^\+?[\d\s\-()]{5,30}$/;

const fold = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

class RowChecker {
  readonly problems: CellProblem[] = [];
  constructor(private readonly values: RowValues) {}

  text(field: string, max: number, required: boolean, zhName: string): string | null {
    const v = (this.values[field] ?? '').normalize('NFC').trim();
    if (!v) {
      if (required)
        this.problems.push({
          field,
          message: `${field} is required`,
          messageZh: `${zhName}不能为空`,
        });
      return null;
    }
    if (v.length > max) {
      this.problems.push({
        field,
        message: `${field} is longer than ${max} characters`,
        messageZh: `${zhName}超过 ${max} 个字符`,
      });
      return null;
    }
    return v;
  }

  email(field: string, zhName: string): string | null {
    const v = this.text(field, 254, true, zhName);
    if (v == null) return null;
    const email = v
      .normalize('NFKC')
      .replace(/^mailto:/i, '')
      .trim()
      .toLowerCase();
    if (!EMAIL.test(email)) {
      this.problems.push({
        field,
        message: `${field} "${v}" is not an email address`,
        messageZh: `${zhName}「${v}」不是有效的邮箱地址`,
      });
      return null;
    }
    return email;
  }

  phone(field: string, zhName: string): string | null {
    const v = this.text(field, 40, false, zhName);
    if (v == null) return null;
    const phone = v.normalize('NFKC');
    if (!PHONE.test(phone)) {
      this.problems.push({
        field,
        message: `${field} "${v}" is not a phone number`,
        messageZh: `${zhName}「${v}」不是有效的电话号码`,
      });
      return null;
    }
    return phone.replace(/\s+/g, ' ');
  }

  problem(field: string, message: string, messageZh: string): void {
    this.problems.push({ field, message, messageZh });
  }
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; problems: CellProblem[] };

const done = <T>(c: RowChecker, value: () => T): RowResult<T> =>
  c.problems.length ? { ok: false, problems: c.problems } : { ok: true, value: value() };

export function validateJudgeRow(values: RowValues): RowResult<JudgeImportRow> {
  const c = new RowChecker(values);
  const name = c.text('name', 100, true, '姓名');
  const email = c.email('email', '邮箱');
  const affiliation = c.text('affiliation', 200, false, '单位');
  const phone = c.phone('phone', '电话');
  return done(c, () => ({ name: name!, email: email!, affiliation, phone }));
}

// "2023-06-01", "2023/6/1", "2023.06.01", "2023年6月1日", "2023年6月" (the 1st).
export function parseSheetDate(raw: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月?)$/.exec(
    raw.normalize('NFKC').trim(),
  );
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

export function splitNames(raw: string | null): string[] {
  if (!raw) return [];
  return raw
    .split(/[;；、,，\n/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function validateProjectRow(
  values: RowValues,
  ctx: ProjectImportContext,
  today = new Date(),
): RowResult<ProjectImportRow> {
  const c = new RowChecker(values);
  const externalRef = c.text('externalRef', 100, false, '报名编号');
  const title = c.text('title', 200, true, '项目名称');
  const summary = c.text('summary', 5000, false, '项目简介');
  const trackCell = c.text('track', 100, true, '赛道');
  const heatCell = c.text('heat', 200, false, '赛区');
  const organisation = c.text('organisation', 200, true, '单位名称');
  const city = c.text('city', 100, false, '所在城市');
  const province = c.text('province', 50, false, '所在省份');
  const foundedCell = c.text('foundedAt', 40, false, '成立时间');
  const contactName = c.text('contactName', 100, true, '联系人');
  const contactEmail = c.email('contactEmail', '联系邮箱');
  const contactPhone = c.phone('contactPhone', '联系电话');
  const teamCell = c.text('team', 2000, false, '团队成员');
  const fundingStage = c.text('fundingStage', 50, false, '融资阶段');

  let trackCode = '';
  if (trackCell) {
    const f = fold(trackCell);
    const track = ctx.tracks.find((t) => fold(t.code) === f || fold(t.name) === f);
    if (track) trackCode = track.code;
    else
      c.problem(
        'track',
        `track "${trackCell}" is none of ${ctx.tracks.map((t) => `${t.name} (${t.code})`).join(', ')}`,
        `赛道「${trackCell}」不在本赛事中，可选：${ctx.tracks.map((t) => t.name).join('、')}`,
      );
  }

  let heatId = '';
  if (heatCell) {
    const heat = ctx.heats.find((h) => fold(h.name) === fold(heatCell));
    if (heat) heatId = heat.id;
    else
      c.problem(
        'heat',
        `heat "${heatCell}" is not a first-stage heat of this competition (${ctx.heats.map((h) => h.name).join(', ') || 'none'})`,
        `赛区「${heatCell}」不是本赛事的首轮赛区（${ctx.heats.map((h) => h.name).join('、') || '无'}）`,
      );
  } else if (ctx.defaultHeatId) {
    heatId = ctx.defaultHeatId;
  } else {
    c.problem(
      'heat',
      'heat is required: fill 赛区 or pass heatId',
      '赛区不能为空（或在导入时指定赛区）',
    );
  }

  let foundedAt: string | undefined;
  if (foundedCell) {
    const parsed = parseSheetDate(foundedCell);
    if (!parsed)
      c.problem(
        'foundedAt',
        `foundedAt "${foundedCell}" is not a date like 2023-06-01`,
        `成立时间「${foundedCell}」不是有效日期（如 2023-06-01）`,
      );
    else if (parsed > dateInZone(today, ctx.timeZone))
      c.problem('foundedAt', `foundedAt ${parsed} is in the future`, `成立时间 ${parsed} 晚于今天`);
    else foundedAt = parsed;
  }

  const team = splitNames(teamCell);
  if (team.some((n) => n.length > 100))
    c.problem(
      'team',
      'a team member name is longer than 100 characters',
      '团队成员姓名超过 100 个字符',
    );
  if (team.length > 49) c.problem('team', 'more than 49 team members', '团队成员超过 49 人');

  return done(c, () => ({
    importRef: externalRef
      ? `ref:${fold(externalRef)}`
      : `auto:${fold(title!)}|${fold(organisation!)}`,
    externalRef,
    title: title!,
    summary: summary ?? '',
    trackCode,
    heatId,
    organisation: {
      name: organisation!,
      ...(city ? { city } : {}),
      ...(province ? { province } : {}),
      ...(foundedAt ? { foundedAt } : {}),
    },
    contact: { name: contactName!, email: contactEmail!, phone: contactPhone },
    team: team.filter((n) => fold(n) !== fold(contactName!)),
    fundingStage,
  }));
}

// The key two rows of one file must not share.
export const rowKey = (kind: 'JUDGES' | 'PROJECTS', row: JudgeImportRow | ProjectImportRow) =>
  kind === 'JUDGES' ? (row as JudgeImportRow).email : (row as ProjectImportRow).importRef;
