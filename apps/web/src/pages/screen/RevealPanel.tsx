import { useTranslation } from 'react-i18next';
import type { ScreenState } from './useScreenStream';

type Reveal = NonNullable<NonNullable<ScreenState['nowPitching']>['reveal']>;

const two = (x: number) => x.toFixed(2);

/**
 * 亮分: each judge's total, the dropped ones struck through, then the result,
 * or 异议处理中 in its place while an objection to it waits.
 */
export function RevealPanel({ reveal, disputed }: { reveal: Reveal; disputed: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="reveal" data-testid="reveal">
      <ol className="reveal__judges">
        {reveal.entries.map((e) => (
          <li
            key={e.label}
            className={e.dropped ? 'reveal__judge reveal__judge--dropped' : 'reveal__judge'}
            data-dropped={e.dropped ?? undefined}
          >
            <span className="reveal__label">{e.label}</span>
            <span className="reveal__total">{two(e.total)}</span>
            {e.dropped && <span className="reveal__why">{t(`screen.dropped.${e.dropped}`)}</span>}
          </li>
        ))}
      </ol>
      {disputed ? (
        // 异议处理中: an objection pauses the result until it is decided.
        <div className="stage__score stage__score--disputed" data-testid="stage-disputed">
          {t('screen.disputedResult')}
        </div>
      ) : (
        <div className="stage__score" data-testid="stage-score">
          {reveal.score !== null ? two(reveal.score) : t('screen.scoring')}
        </div>
      )}
    </div>
  );
}
