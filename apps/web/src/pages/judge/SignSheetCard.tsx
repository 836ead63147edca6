import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import { SignaturePad } from '../../components/SignaturePad';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { formatTime } from '../console/hooks';
import { saveFile } from '../console/download';
import { formatScore } from './score-math';
import '../sign-off-i18n';

/** 评分表签字 on the judge's phone: the sheet, its state, a drawn signature. */
export function SignSheetCard({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: roundId } } };
  const sheet = $api.useQuery('get', '/api/v1/rounds/{id}/my-sheet', path);
  const action = useAction();
  const download = useAction({ changes: false });
  const [png, setPng] = useState<string | null>(null);
  const [pad, setPad] = useState(0);
  const s = sheet.data;
  if (!s) return <ErrorAlert error={sheet.error} />;
  const sign = async () => {
    const done = await action.run('sign', () =>
      call(
        api.POST('/api/v1/rounds/{id}/my-sheet/signature', { ...path, body: { signature: png! } }),
      ),
    );
    if (done) {
      setPng(null);
      setPad((n) => n + 1);
    }
  };
  return (
    <section className="card sign-sheet" aria-labelledby="sign-sheet-title">
      <h2 id="sign-sheet-title" className="section-title">
        {t('signOff.sheetTitle')}
      </h2>
      <p className={`sign-state sign-state--${s.state}`} data-testid="sheet-state">
        {t(`signOff.state.${s.state}`)}
        {s.state === 'SIGNED' && s.signedAt && (
          <> · {t('signOff.signedAt', { at: formatTime(s.signedAt, s.timeZone) })}</>
        )}
      </p>
      <table className="sign-sheet__table" style={{ width: '100%', textAlign: 'left' }}>
        <thead>
          <tr>
            <th scope="col">{t('signOff.project')}</th>
            <th scope="col">{t('signOff.total')}</th>
          </tr>
        </thead>
        <tbody>
          {s.lines.map((l) => (
            <tr key={l.projectId}>
              <td>{l.title}</td>
              <td>{l.status === 'SUBMITTED' && l.total !== null ? formatScore(l.total) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.state !== 'SIGNED' && s.complete && (
        <>
          <p className="muted">{t('signOff.sheetHint')}</p>
          <SignaturePad
            key={pad}
            id="judge-signature"
            label={t('signOff.signatureLabel')}
            onChange={setPng}
          />
          <ErrorAlert error={action.error} />
          <Button
            block
            color="primary"
            disabled={!png}
            loading={action.busy === 'sign'}
            onClick={() => void sign()}
          >
            {t('signOff.sign')}
          </Button>
        </>
      )}
      {s.state !== 'SIGNED' && !s.complete && <p className="muted">{t('signOff.incomplete')}</p>}
      <Button
        block
        fill="none"
        onClick={() =>
          void download.run('pdf', () =>
            saveFile(
              api.GET('/api/v1/rounds/{id}/my-sheet.pdf', { ...path, parseAs: 'blob' }),
              'score-sheet.pdf',
            ),
          )
        }
      >
        {t('signOff.downloadPdf')}
      </Button>
    </section>
  );
}
