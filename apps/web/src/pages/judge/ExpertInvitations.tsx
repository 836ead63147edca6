import { Button, TextArea } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';

type Invitation = components['schemas']['ExpertInvitationDto'];

/** Invitations from expert draws: accept (join the round's judges) or decline with a reason. */
export function ExpertInvitations({ onAnswered }: { onAnswered: () => void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Invitation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [declining, setDeclining] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () =>
    call(api.GET('/api/v1/judge/expert-invitations'))
      .then((r) => setItems(r.items.filter((i) => i.status === 'INVITED')))
      .catch(setError);
  useEffect(() => {
    void load();
  }, []);

  const answer = (request: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    request
      .then(() => {
        setDeclining(null);
        setReason('');
        onAnswered();
        return load();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  if (!items.length && !error) return null;
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title" className="section-title">
        {t('judge.invitations.title')}
      </h2>
      <ErrorAlert error={error} />
      {items.map((i) => (
        <div key={i.id} className="card expert-invitation" data-testid="expert-invitation">
          <div className="judge-round-card__name">{i.roundName}</div>
          <div className="muted">
            {t('judge.invitations.as', { field: t(`judge.invitations.field.${i.field}`) })}
            {i.source === 'RESERVE' ? ` · ${t('judge.invitations.reserve')}` : ''}
          </div>
          {declining === i.id ? (
            <>
              <label className="field-label" htmlFor={`reason-${i.id}`}>
                {t('judge.invitations.reason')}
              </label>
              <TextArea
                id={`reason-${i.id}`}
                value={reason}
                onChange={setReason}
                rows={2}
                maxLength={500}
              />
              <div className="expert-invitation__actions">
                <Button onClick={() => setDeclining(null)}>{t('common.cancel')}</Button>
                <Button
                  color="danger"
                  loading={busy}
                  disabled={!reason.trim()}
                  onClick={() =>
                    answer(
                      call(
                        api.POST('/api/v1/expert-invitations/{id}/decline', {
                          params: { path: { id: i.id } },
                          body: { reason },
                        }),
                      ),
                    )
                  }
                >
                  {t('judge.invitations.confirmDecline')}
                </Button>
              </div>
            </>
          ) : (
            <div className="expert-invitation__actions">
              <Button onClick={() => setDeclining(i.id)}>{t('judge.invitations.decline')}</Button>
              <Button
                color="primary"
                loading={busy}
                onClick={() =>
                  answer(
                    call(
                      api.POST('/api/v1/expert-invitations/{id}/accept', {
                        params: { path: { id: i.id } },
                      }),
                    ),
                  )
                }
              >
                {t('judge.invitations.accept')}
              </Button>
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
