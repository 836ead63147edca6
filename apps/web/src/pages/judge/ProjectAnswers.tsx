import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

type Answer = components['schemas']['JudgeAnswerDto'];
type Label = { zh: string; en: string };

const pick = (l: Label, lang: string) => (lang.startsWith('en') && l.en ? l.en : l.zh);

/**
 * The registration form's answers as the judge reads them: each label in the
 * judge's language, numbers with their unit, choices by their label, tables
 * as rows. The server leaves out identity fields in a blind round.
 */
export function ProjectAnswers({ answers }: { answers: Answer[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!answers.length) return null;
  const choice = (a: Answer, v: string) => {
    const o = a.options?.find((x) => x.value === v);
    return o ? pick(o.label, lang) : v;
  };
  const cell = (v: unknown): string =>
    v === true
      ? t('common.yes')
      : v === false
        ? t('common.no')
        : typeof v === 'string' || typeof v === 'number'
          ? String(v)
          : '';
  const show = (a: Answer) => {
    const v = a.value;
    switch (a.type) {
      case 'number':
        return `${Number(v).toLocaleString(lang)}${a.unit ? ` ${a.unit}` : ''}`;
      case 'yesNo':
        return cell(v);
      case 'choice':
        return choice(a, cell(v));
      case 'multiChoice':
        return (v as string[]).map((x) => choice(a, x)).join('、');
      case 'table':
        return (
          <table className="judge-answers__table">
            <thead>
              <tr>
                {(a.columns ?? []).map((c) => (
                  <th key={c.key}>{pick(c.label, lang)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(v as Record<string, unknown>[]).map((row, i) => (
                <tr key={i}>
                  {(a.columns ?? []).map((c) => (
                    <td key={c.key}>{cell(row[c.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      default:
        return cell(v);
    }
  };
  return (
    <section className="card judge-answers" aria-label={t('judge.answers')}>
      <h3>{t('judge.answers')}</h3>
      <dl className="judge-answers__list">
        {answers.map((a) => (
          <div key={a.key} className="judge-answers__item">
            <dt>{pick(a.label, lang)}</dt>
            <dd>{show(a)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
