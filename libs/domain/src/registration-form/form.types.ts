// A competition's registration form: the extra fields beside the core ones
// every project has (title, summary, track, heat, organisation, team, funding
// stage). Declared once here so the registration module (which stores forms
// and validates answers) and the files module (which needs a file field's
// accepted types and size cap) read the same shape. See issue 19 and
// ../shared/FIELD.md.

export interface LocalisedText {
  zh: string;
  en: string;
}

export type FormFieldType =
  'text' | 'longText' | 'number' | 'date' | 'choice' | 'multiChoice' | 'yesNo' | 'file' | 'table';

// The kinds of file a file field may accept, checked against the bytes
// (sniffed), never the name.
export type AcceptedFileKind = 'pdf' | 'image' | 'office' | 'video';

export interface ChoiceOption {
  value: string;
  label: LocalisedText;
}

// A column of a repeating table (e.g. patents: number, title, granted).
export interface TableColumn {
  key: string;
  type: 'text' | 'number' | 'date' | 'yesNo';
  label: LocalisedText;
  required: boolean;
}

// From which stage on a field can no longer change (identity fields lock
// after the heat; BP and video stay updatable: the 创青春 rule).
export type FieldLock = 'never' | 'afterSubmit' | 'afterDeadline' | 'afterEligibility';

export interface FormField {
  // Stable key the answers are stored under: [a-z][a-zA-Z0-9_]{0,39}.
  key: string;
  type: FormFieldType;
  label: LocalisedText;
  help?: LocalisedText;
  required: boolean;
  // Groups (组别) this field belongs to; absent or empty = every group.
  groups?: string[];
  lock?: FieldLock;
  // A structured identity field (company name, 统一社会信用代码, founders,
  // school): hidden from judges in blind rounds.
  identity?: boolean;
  // text / longText: length bounds in characters.
  minLength?: number;
  maxLength?: number;
  // number: bounds and unit (万元, 人, 件).
  min?: number;
  max?: number;
  integer?: boolean;
  unit?: string;
  // date: ISO dates (YYYY-MM-DD) inclusive.
  minDate?: string;
  maxDate?: string;
  // choice / multiChoice.
  options?: ChoiceOption[];
  maxChoices?: number;
  // file.
  accept?: AcceptedFileKind[];
  maxBytes?: number;
  // file: this field is the anonymised copy of that file field (e.g. a BP
  // without names and logos): judges of blind rounds get it instead of that
  // one, judges of other rounds do not see it.
  blindCopyOf?: string;
  // table.
  columns?: TableColumn[];
  maxRows?: number;
}

// 组别, e.g. 企业组 / 团队组, each with its own tracks.
export interface FormGroup {
  key: string;
  label: LocalisedText;
  // Track codes open to this group; absent = every track.
  tracks?: string[];
}

export interface RegistrationForm {
  groups?: FormGroup[];
  fields: FormField[];
  // The 参赛声明 / 承诺书 an applicant accepts at submit; absent = none asked.
  declaration?: LocalisedText;
  // Eligibility rules over the answers: they flag projects in the review
  // table, a person still decides (一票否决 stays human).
  eligibilityRules?: EligibilityRule[];
}

// What a rule tests:
// - dateOnOrAfter / dateBefore: a date answer against `date` (初创组: founded on or after);
// - numberAbove / numberBelow: a number answer against `value` (revenue above a cap);
// - yesNo: a yes/no answer equal to `equals` (declared past winner);
// - inList: a text answer (or choices) found in `values` (a list of past winners).
export type EligibilityRuleKind =
  'dateOnOrAfter' | 'dateBefore' | 'numberAbove' | 'numberBelow' | 'yesNo' | 'inList';

// Core fields a rule may read besides the form's own fields.
export const CORE_RULE_FIELDS = ['organisation.foundedAt', 'organisation.name', 'title'] as const;
export type CoreRuleField = (typeof CORE_RULE_FIELDS)[number];

export interface EligibilityRule {
  // Stable key of the rule: [a-z][a-zA-Z0-9_]{0,39}.
  key: string;
  kind: EligibilityRuleKind;
  // A form field's key, or one of CORE_RULE_FIELDS.
  field: string;
  // The flag a matching project carries, e.g. 初创组 / 往届获奖.
  label: LocalisedText;
  date?: string;
  value?: number;
  equals?: boolean;
  values?: string[];
}

// A rule a project matches, with why (names the field and its answer).
export interface ProjectFlag {
  rule: string;
  label: LocalisedText;
  reason: LocalisedText;
}

// A stored answer: file fields hold the ids of files the files module
// stored (one id, or several for a field that allows it is not built: one).
export type AnswerValue =
  | string
  | number
  | boolean
  | string[]
  | Array<Record<string, string | number | boolean | null>>
  | null;

export type Answers = Record<string, AnswerValue>;

// Default cap of a file field without maxBytes: 50 MB for documents; videos
// get a larger cap (resumable upload).
export const DEFAULT_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_VIDEO_MAX_BYTES = 1024 * 1024 * 1024;

export function fileFieldMaxBytes(field: FormField): number {
  if (field.maxBytes != null) return field.maxBytes;
  return field.accept?.includes('video') ? DEFAULT_VIDEO_MAX_BYTES : DEFAULT_DOCUMENT_MAX_BYTES;
}
