import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';

/** An API error in the reader's language, with the server's field-level detail. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, detail } = describeError(error, t);
  return (
    <div className="error-alert" role="alert">
      <strong>{title}</strong>
      {detail && <div className="error-alert__detail">{detail}</div>}
    </div>
  );
}
