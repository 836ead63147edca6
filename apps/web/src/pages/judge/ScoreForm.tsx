import { useTranslation } from 'react-i18next';
import { type Criterion, type Scores, formatScore, runningTotal, scoreProblem } from './score-math';

interface Props {
  criteria: Criterion[];
  scores: Scores;
  comment: string;
  disabled: boolean;
  onChange: (next: { scores?: Scores; comment?: string }) => void;
}

const parse = (raw: string): number | null => {
  if (raw.trim() === '') return null;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : NaN;
};

/**
 * One labelled number field (with a slider for the thumb) per criterion,
 * showing its weight and maximum, the running total by the published
 * formula, and the comment.
 */
export function ScoreForm({ criteria, scores, comment, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const set = (code: string, value: number | null) =>
    onChange({ scores: { ...scores, [code]: value } });
  const total = runningTotal(criteria, scores);
  return (
    <div className="score-form">
      {criteria.map((c) => {
        const value = scores[c.code] ?? null;
        const problem = scoreProblem(c, value);
        const id = `score-${c.code}`;
        return (
          <div key={c.code} className="score-field">
            <label htmlFor={id} className="score-field__label">
              <span className="score-field__name">{c.name}</span>
              <span className="muted">
                {t('judge.weightMax', {
                  weight: Math.round(c.weight * 1000) / 10,
                  max: c.maxScore,
                })}
              </span>
            </label>
            <div className="score-field__inputs">
              <input
                type="range"
                min={0}
                max={c.maxScore}
                step={0.5}
                value={value !== null && !problem ? value : 0}
                disabled={disabled}
                aria-label={t('judge.sliderFor', { name: c.name })}
                onChange={(e) => set(c.code, Number(e.target.value))}
              />
              <input
                id={id}
                name={c.code}
                type="number"
                inputMode="decimal"
                min={0}
                max={c.maxScore}
                step="any"
                value={value === null || Number.isNaN(value) ? '' : value}
                disabled={disabled}
                aria-invalid={!!problem}
                aria-describedby={problem ? `${id}-error` : undefined}
                onChange={(e) => set(c.code, parse(e.target.value))}
              />
            </div>
            {problem && (
              <div id={`${id}-error`} className="field-error">
                {t('judge.outOfRange', { max: c.maxScore })}
              </div>
            )}
          </div>
        );
      })}
      <div className="score-total" aria-live="polite">
        <span>{t('judge.total')}</span>
        <output data-testid="running-total">{formatScore(total)}</output>
      </div>
      <label htmlFor="score-comment" className="score-field__label">
        {t('judge.comment')}
      </label>
      <textarea
        id="score-comment"
        className="score-comment"
        rows={3}
        maxLength={2000}
        value={comment}
        disabled={disabled}
        onChange={(e) => onChange({ comment: e.target.value })}
      />
    </div>
  );
}
