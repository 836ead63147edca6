// The words exports use, in Chinese (default) and English (?lang=en):
// organisers print these for leadership, so statuses read as people say them.

export type ExportLang = 'zh' | 'en';

export const exportLang = (lang: string | null | undefined): ExportLang =>
  lang?.toLowerCase().startsWith('en') ? 'en' : 'zh';

const PROJECT_STATUS: Record<ExportLang, Record<string, string>> = {
  zh: {
    DRAFT: '草稿',
    SUBMITTED: '已提交',
    ELIGIBLE: '资格审查通过',
    INELIGIBLE: '资格审查未通过',
    ADVANCED: '已晋级',
    ELIMINATED: '未晋级',
    AWARDED: '获奖',
    WITHDRAWN: '已撤回',
  },
  en: {
    DRAFT: 'Draft',
    SUBMITTED: 'Submitted',
    ELIGIBLE: 'Eligible',
    INELIGIBLE: 'Ineligible',
    ADVANCED: 'Advanced',
    ELIMINATED: 'Eliminated',
    AWARDED: 'Awarded',
    WITHDRAWN: 'Withdrawn',
  },
};

const SCORE_STATUS: Record<ExportLang, Record<'SUBMITTED' | 'DRAFT' | 'MISSING', string>> = {
  zh: { SUBMITTED: '已提交', DRAFT: '草稿（未提交）', MISSING: '未评分' },
  en: { SUBMITTED: 'Submitted', DRAFT: 'Draft (not submitted)', MISSING: 'Not scored' },
};

const SIGNING_STATUS: Record<ExportLang, Record<string, string>> = {
  zh: {
    INTENT: '签约意向',
    NEGOTIATING: '洽谈中',
    SIGNED: '已签约',
    LANDED: '已落地',
    CANCELLED: '已取消',
  },
  en: {
    INTENT: 'Intent',
    NEGOTIATING: 'Negotiating',
    SIGNED: 'Signed',
    LANDED: 'Landed',
    CANCELLED: 'Cancelled',
  },
};

export const projectStatusLabel = (status: string, lang: ExportLang) =>
  PROJECT_STATUS[lang][status] ?? status;

export const scoreStatusLabel = (status: 'SUBMITTED' | 'DRAFT' | 'MISSING', lang: ExportLang) =>
  SCORE_STATUS[lang][status];

export const signingStatusLabel = (status: string, lang: ExportLang) =>
  SIGNING_STATUS[lang][status] ?? status;

// Money is stored as an exact decimal; a spreadsheet wants a number it can sum.
export function moneyCell(amount: { toString(): string } | string | number | null | undefined) {
  if (amount == null) return null;
  const n = Number(String(amount));
  return Number.isFinite(n) ? n : null;
}

/**
 * An amount stored in 元 (yuan), as the 万元 (10,000 yuan) figure organisers
 * read and type: the decimal point moves four places in the text, so
 * "12345.67" 元 is exactly 1.234567 万元, with no binary rounding on the way.
 */
export function yuanAsWanCell(amount: { toString(): string } | string | null | undefined) {
  if (amount == null) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount).trim());
  if (!m) return null;
  const digits = m[1].padStart(5, '0') + (m[2] ?? '').padEnd(2, '0');
  return Number(`${digits.slice(0, -6)}.${digits.slice(-6)}`);
}
