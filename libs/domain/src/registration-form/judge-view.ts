// What a judge reads of a project's registration form: the answers with their
// labels and units (the page picks the judge's language), and which file
// fields the judge gets. In a blind round identity fields are withheld and an
// anonymised copy of a file (blindCopyOf) stands in for the named one; in any
// other round the anonymised copy is not shown (the named file is there).
import type {
  AnswerValue,
  Answers,
  ChoiceOption,
  FormField,
  FormFieldType,
  LocalisedText,
  RegistrationForm,
  TableColumn,
} from './form.types';

/** The fields a judge may see at all in a round (blind or not), in form order. */
export function fieldsForJudge(fields: readonly FormField[], blind: boolean): FormField[] {
  const replaced = new Set(fields.filter((f) => f.blindCopyOf).map((f) => f.blindCopyOf!));
  return fields.filter((f) => {
    if (f.blindCopyOf) return blind;
    if (!blind) return true;
    return !f.identity && !replaced.has(f.key);
  });
}

export interface JudgeAnswer {
  key: string;
  type: Exclude<FormFieldType, 'file'>;
  label: LocalisedText;
  unit?: string;
  value: Exclude<AnswerValue, null>;
  options?: ChoiceOption[];
  columns?: TableColumn[];
}

/**
 * The answers a judge reads (file fields aside: the files list shows them),
 * in form order; unanswered fields and fields of another group are left out.
 */
export function answersForJudge(
  form: RegistrationForm,
  answers: Answers,
  blind: boolean,
  groupKey: string | null,
): JudgeAnswer[] {
  const out: JudgeAnswer[] = [];
  for (const f of fieldsForJudge(form.fields, blind)) {
    if (f.type === 'file') continue;
    if (f.groups?.length && (!groupKey || !f.groups.includes(groupKey))) continue;
    const value = answers[f.key];
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out.push({
      key: f.key,
      type: f.type,
      label: f.label,
      ...(f.unit && { unit: f.unit }),
      value,
      ...(f.options && { options: f.options }),
      ...(f.columns && { columns: f.columns }),
    });
  }
  return out;
}
