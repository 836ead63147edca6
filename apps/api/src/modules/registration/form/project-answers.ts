// Registration's checks of a project's answers, group and completeness
// against its competition's form: the refusals carry the field's key and
// labels (ANSWERS_INVALID, PROJECT_INCOMPLETE, ANSWER_LOCKED), so the
// applicant's page shows each beside its input.
import {
  AnswerRef,
  Answers,
  DomainError,
  FieldProblem,
  LockStage,
  RegistrationForm,
  fieldProblem,
  lockedChanges,
  validateAnswers,
} from '@app/domain';
import type { RegistrationFileCheck } from './registration-file-check';

export function assertAnswers(
  form: RegistrationForm,
  answers: unknown,
  groupKey: string | null,
): void {
  const problems = validateAnswers(form, answers, { groupKey, complete: false });
  if (problems.length) throw answersInvalid(form, problems);
}

function answersInvalid(form: RegistrationForm, problems: FieldProblem[]): DomainError {
  const keys = [
    ...new Set(problems.map((p) => (p.params as AnswerRef | undefined)?.key ?? p.field)),
  ];
  const labels = keys.map((k) => form.fields.find((f) => f.key === k)?.label.zh ?? k);
  return DomainError.of(
    'ANSWERS_INVALID',
    { problems: problems.length, labels, keys },
    `answers: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    problems,
  );
}

/** File answers must name files of this project's field, when the files module says so. */
export async function assertFileAnswers(
  check: RegistrationFileCheck | null,
  form: RegistrationForm,
  projectId: string | null,
  answers: Answers,
): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const field of form.fields) {
    const value = answers[field.key];
    if (field.type !== 'file' || typeof value !== 'string') continue;
    const foreign = !check
      ? []
      : projectId
        ? await check.foreignFileIds(projectId, field.key, [value])
        : [value];
    if (foreign.length)
      problems.push(
        fieldProblem(`answers.${field.key}`, 'ANSWER_FILE_UNKNOWN', 'not a file of this field', {
          key: field.key,
          label: field.label.zh,
          labelEn: field.label.en || field.label.zh,
        }),
      );
  }
  if (problems.length) throw answersInvalid(form, problems);
}

export function assertGroup(
  form: RegistrationForm,
  groupKey: string | null,
  trackCode: string,
): void {
  if (groupKey === null) return;
  const groups = form.groups ?? [];
  const group = groups.find((g) => g.key === groupKey);
  if (!group)
    throw DomainError.of(
      'GROUP_UNKNOWN',
      { groupKey, allowed: groups.map((g) => g.label.zh) },
      `no group ${groupKey} in this competition's form`,
      [
        fieldProblem('groupKey', 'FIELD_INVALID_ENUM', 'unknown group', {
          allowed: groups.map((g) => g.key),
        }),
      ],
    );
  if (group.tracks?.length && !group.tracks.includes(trackCode))
    throw DomainError.of(
      'TRACK_NOT_IN_GROUP',
      { trackCode, group: group.label.zh },
      `track ${trackCode} is not open to group ${groupKey}`,
      [fieldProblem('trackCode', 'FIELD_INVALID', 'not open to the group')],
    );
}

export function assertUnlocked(
  form: RegistrationForm,
  before: Answers,
  after: Answers,
  stage: LockStage,
): void {
  const locked = lockedChanges(form, before, after, stage);
  if (!locked.length) return;
  const first = locked[0].params as AnswerRef & { lock: string };
  throw DomainError.of(
    'ANSWER_LOCKED',
    first,
    `locked from its stage on: ${locked.map((p) => p.field).join(', ')}`,
    locked,
  );
}

interface CoreDraft {
  summary: string;
  organisation: unknown;
  team: unknown;
  groupKey: string | null;
  answers: unknown;
}

const CORE: { key: string; field: string; label: string; labelEn: string }[] = [
  { key: 'summary', field: 'summary', label: '项目简介', labelEn: 'Summary' },
  { key: 'organisation', field: 'organisation.name', label: '单位名称', labelEn: 'Organisation' },
  { key: 'team', field: 'team', label: '团队成员', labelEn: 'Team' },
  { key: 'groupKey', field: 'groupKey', label: '组别', labelEn: 'Group' },
];

/** Submit's check: every missing item at once, core fields first, then the form's. */
export function assertComplete(form: RegistrationForm, p: CoreDraft): void {
  const orgName = (p.organisation as { name?: unknown } | null)?.name;
  const missing = new Set<string>();
  if (!p.summary.trim()) missing.add('summary');
  if (typeof orgName !== 'string' || !orgName.trim()) missing.add('organisation');
  if (!Array.isArray(p.team) || p.team.length === 0) missing.add('team');
  if ((form.groups ?? []).length && !p.groupKey) missing.add('groupKey');
  const problems: FieldProblem[] = CORE.filter((c) => missing.has(c.key)).map((c) =>
    fieldProblem(c.field, 'ANSWER_REQUIRED', `${c.key} is required`, {
      key: c.key,
      label: c.label,
      labelEn: c.labelEn,
    }),
  );
  problems.push(
    ...validateAnswers(form, p.answers ?? {}, { groupKey: p.groupKey, complete: true }),
  );
  if (!problems.length) return;
  const refs = problems.map((q) => ({
    key: (q.params as AnswerRef | undefined)?.key ?? q.field,
    label: (q.params as AnswerRef | undefined)?.label,
  }));
  const keys = [...new Set(refs.map((r) => r.key))];
  const labels = keys.map((k) => refs.find((r) => r.key === k)?.label ?? k);
  throw DomainError.of(
    'PROJECT_INCOMPLETE',
    { labels, keys },
    `not complete: ${problems.map((q) => q.field).join(', ')}`,
    problems,
  );
}

export function assertDeclaration(form: RegistrationForm, accepted: boolean | undefined): void {
  if (form.declaration && accepted !== true)
    throw DomainError.of('DECLARATION_REQUIRED', 'the declaration must be accepted to submit', [
      fieldProblem('acceptDeclaration', 'FIELD_REQUIRED', 'accept the declaration'),
    ]);
}
