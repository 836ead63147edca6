import { CellProblem, RowValues } from '../imports/import-rows';
import { ColumnSpec, JUDGE_COLUMNS } from '../imports/sheet-columns';
import { EXPERT_FIELDS, ExpertField } from './expert-draw';

// The expert pool's spreadsheet (专家库): the judge list's columns (姓名, 邮箱,
// 单位, 电话) and what a pool adds. Read by the same reader and header
// matcher as the judge import (mapColumns).
const judge = (field: string) => JUDGE_COLUMNS.find((c) => c.field === field)!;

export const EXPERT_COLUMNS: readonly ColumnSpec[] = [
  judge('name'),
  judge('email'),
  { ...judge('affiliation'), field: 'unit' },
  judge('phone'),
  {
    field: 'title',
    headers: ['职称', '专业技术职称', 'title', 'professional title'],
    required: false,
  },
  {
    field: 'region',
    headers: ['地区', '所在地区', '省份', '所在省份', '省市', 'region', 'province'],
    required: false,
  },
  {
    field: 'fields',
    headers: ['专家类别', '类别', '领域', '专业领域', '专家类型', 'fields', 'expertise', 'kind'],
    required: true,
  },
  { field: 'tracks', headers: ['赛道', '擅长赛道', 'tracks', 'track'], required: false },
  {
    field: 'available',
    headers: ['是否可参加', '可参加', '是否可用', '状态', 'available', 'availability'],
    required: false,
  },
  {
    field: 'capacity',
    headers: ['每轮评审上限', '评审上限', '每轮项目数', 'capacity', 'capacity per round'],
    required: false,
  },
];

const FIELD_WORDS: Record<string, ExpertField> = {
  技术: 'TECHNOLOGY',
  技术专家: 'TECHNOLOGY',
  technology: 'TECHNOLOGY',
  tech: 'TECHNOLOGY',
  投资: 'INVESTMENT',
  投资专家: 'INVESTMENT',
  投资人: 'INVESTMENT',
  investment: 'INVESTMENT',
  investor: 'INVESTMENT',
  产业: 'INDUSTRY',
  产业专家: 'INDUSTRY',
  行业: 'INDUSTRY',
  企业家: 'INDUSTRY',
  industry: 'INDUSTRY',
  金融: 'FINANCE',
  金融专家: 'FINANCE',
  财务: 'FINANCE',
  finance: 'FINANCE',
};

export const splitList = (raw: string | null | undefined): string[] =>
  (raw ?? '')
    .split(/[,，、;；/|\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** "技术、投资" → ['TECHNOLOGY', 'INVESTMENT']; unknown words come back in `unknown`. */
export function parseExpertFields(raw: string): { fields: ExpertField[]; unknown: string[] } {
  const fields = new Set<ExpertField>();
  const unknown: string[] = [];
  for (const word of splitList(raw)) {
    const key = word.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
    const upper = word.toUpperCase() as ExpertField;
    const f = FIELD_WORDS[key] ?? (EXPERT_FIELDS.includes(upper) ? upper : undefined);
    if (f) fields.add(f);
    else unknown.push(word);
  }
  return { fields: EXPERT_FIELDS.filter((f) => fields.has(f)), unknown };
}

export interface ExpertImportRow {
  name: string;
  email: string;
  unit: string | null;
  phone: string | null;
  title: string | null;
  region: string | null;
  fields: ExpertField[];
  tracks: string[];
  available: boolean;
  capacity: number | null;
}

const YES = ['是', '可', '可以', '可参加', '有空', 'yes', 'y', 'true', '1', 'available'];
const NO = ['否', '不可', '不可以', '不可参加', '无', 'no', 'n', 'false', '0', 'unavailable'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateExpertRow(
  values: RowValues,
): { ok: true; value: ExpertImportRow } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const text = (f: string) => (values[f] ?? '').trim() || null;
  const name = text('name');
  const email = text('email')?.toLowerCase() ?? null;
  if (!name) problems.push({ field: 'name', message: 'name is required', messageZh: '姓名必填' });
  if (!email || !EMAIL.test(email))
    problems.push({
      field: 'email',
      message: 'a valid email is required',
      messageZh: '邮箱格式不正确',
    });
  const { fields, unknown } = parseExpertFields(text('fields') ?? '');
  if (unknown.length)
    problems.push({
      field: 'fields',
      message: `unknown expert kind: ${unknown.join(', ')} (technology, investment, industry, finance)`,
      messageZh: `无法识别的专家类别：${unknown.join('、')}（技术、投资、产业、金融）`,
    });
  else if (!fields.length)
    problems.push({
      field: 'fields',
      message: 'at least one expert kind',
      messageZh: '至少填写一个专家类别',
    });
  const availableRaw = (text('available') ?? '').toLowerCase();
  let available = true;
  if (availableRaw && NO.includes(availableRaw)) available = false;
  else if (availableRaw && !YES.includes(availableRaw))
    problems.push({ field: 'available', message: 'yes or no', messageZh: '请填写“是”或“否”' });
  const capacityRaw = text('capacity');
  let capacity: number | null = null;
  if (capacityRaw) {
    capacity = Number(capacityRaw);
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000)
      problems.push({
        field: 'capacity',
        message: 'a whole number from 1',
        messageZh: '应为正整数',
      });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: name!,
      email: email!,
      unit: text('unit'),
      phone: text('phone'),
      title: text('title'),
      region: text('region'),
      fields,
      tracks: splitList(text('tracks')),
      available,
      capacity,
    },
  };
}
