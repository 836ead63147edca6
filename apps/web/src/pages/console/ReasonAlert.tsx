import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/errors';
import { useConsoleT } from './hooks';
import { explain } from './reasons';

/**
 * An API error as the organiser should read it: the status in words, then
 * why in the console's own sentence when it knows the rule (reasons.ts),
 * else the server's message. `notFound`: the reason key for a 404.
 */
export function ReasonAlert({ error, notFound }: { error: unknown; notFound?: string }) {
  const { t: tApp } = useTranslation();
  const { t } = useConsoleT();
  if (!error) return null;
  const { title, detail } = describeError(error, tApp);
  const reasons = explain(error, notFound);
  return (
    <div className="error-alert" role="alert">
      <strong>{title}</strong>
      {reasons.length
        ? reasons.map((r, i) => (
            <div key={i} className="error-alert__detail">
              {t(`reasons.${r.key}`, r.vars)}
            </div>
          ))
        : detail && <div className="error-alert__detail">{detail}</div>}
    </div>
  );
}
