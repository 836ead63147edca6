// Eligibility from data: each rule of a competition's form that a project's
// answers match gives a flag with its reason (the field, its answer, the
// rule's bound), in both languages. Flags, not decisions: the organiser's
// review table shows them and a person decides (一票否决 stays human).
import { isEmptyAnswer } from './answers';
import { isIsoDate } from './form-definition';
import type { EligibilityRule, LocalisedText, ProjectFlag, RegistrationForm } from './form.types';

/** What a rule can read of a project: its answers and a few core fields. */
export interface RuleSubject {
  answers: Record<string, unknown>;
  title?: string;
  organisation?: { name?: string; foundedAt?: string } | null;
}

const CORE_LABELS: Record<string, LocalisedText> = {
  'organisation.foundedAt': { zh: '成立日期', en: 'Founded' },
  'organisation.name': { zh: '单位名称', en: 'Organisation' },
  title: { zh: '项目名称', en: 'Title' },
};

function valueOf(rule: EligibilityRule, s: RuleSubject): unknown {
  if (rule.field === 'organisation.foundedAt') return s.organisation?.foundedAt;
  if (rule.field === 'organisation.name') return s.organisation?.name;
  if (rule.field === 'title') return s.title;
  return s.answers[rule.field];
}

// Names compared as people type them: case, spaces and brackets' width ignored.
export const normaliseName = (v: string) =>
  v
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・.,，。]/g, '');

const labelOf = (form: RegistrationForm, key: string): LocalisedText => {
  const f = form.fields.find((x) => x.key === key);
  return f
    ? { zh: f.label.zh, en: f.label.en || f.label.zh }
    : (CORE_LABELS[key] ?? { zh: key, en: key });
};

/** The flags a project's data raises under the form's rules, in rule order. */
export function evaluateEligibility(form: RegistrationForm, subject: RuleSubject): ProjectFlag[] {
  const flags: ProjectFlag[] = [];
  for (const rule of form.eligibilityRules ?? []) {
    const reason = matchRule(rule, valueOf(rule, subject), labelOf(form, rule.field), form);
    if (reason) flags.push({ rule: rule.key, label: rule.label, reason });
  }
  return flags;
}

function matchRule(
  rule: EligibilityRule,
  value: unknown,
  label: LocalisedText,
  form: RegistrationForm,
): LocalisedText | null {
  if (isEmptyAnswer(value)) return null;
  const unit = form.fields.find((f) => f.key === rule.field)?.unit ?? '';
  switch (rule.kind) {
    case 'dateOnOrAfter':
      return isIsoDate(value) && rule.date && value >= rule.date
        ? {
            zh: `${label.zh} ${value} 不早于 ${rule.date}`,
            en: `${label.en} ${value} is on or after ${rule.date}`,
          }
        : null;
    case 'dateBefore':
      return isIsoDate(value) && rule.date && value < rule.date
        ? {
            zh: `${label.zh} ${value} 早于 ${rule.date}`,
            en: `${label.en} ${value} is before ${rule.date}`,
          }
        : null;
    case 'numberAbove':
      return typeof value === 'number' && rule.value !== undefined && value > rule.value
        ? {
            zh: `${label.zh} ${value}${unit} 高于 ${rule.value}${unit}`,
            en: `${label.en} ${value} ${unit} is above ${rule.value} ${unit}`.trimEnd(),
          }
        : null;
    case 'numberBelow':
      return typeof value === 'number' && rule.value !== undefined && value < rule.value
        ? {
            zh: `${label.zh} ${value}${unit} 低于 ${rule.value}${unit}`,
            en: `${label.en} ${value} ${unit} is below ${rule.value} ${unit}`.trimEnd(),
          }
        : null;
    case 'yesNo':
      return value === rule.equals
        ? {
            zh: `${label.zh}：${value ? '是' : '否'}`,
            en: `${label.en}: ${value ? 'yes' : 'no'}`,
          }
        : null;
    case 'inList': {
      const wanted = new Set((rule.values ?? []).map(normaliseName));
      const given = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === 'string',
      );
      const hit = given.find((v) => wanted.has(normaliseName(v)));
      return hit !== undefined
        ? {
            zh: `${label.zh}“${hit}”在名单中`,
            en: `${label.en} "${hit}" is on the list`,
          }
        : null;
    }
  }
}
