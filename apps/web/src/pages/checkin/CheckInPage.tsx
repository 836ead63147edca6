import { Button, Card, Result, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { MeetingLinks } from '../judge/MeetingLinks';

type CheckInResult = components['schemas']['CheckInResultDto'];

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });

/**
 * 现场签到: opened by scanning the round's QR code at the venue on one's own
 * signed-in phone. Checks in at once what is the reader's (their team's
 * project, themselves as a judge) and says so.
 */
export default function CheckInPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const action = useAction();
  const [done, setDone] = useState<CheckInResult>();
  const started = useRef(false);

  const checkIn = async () => {
    const checked = await action.run('check-in', () =>
      call(
        api.POST('/api/v1/rounds/{id}/check-in', {
          params: { path: { id: roundId } },
          body: { code },
        }),
      ),
    );
    if (checked) setDone(checked);
  };

  useEffect(() => {
    if (started.current || !code) return;
    started.current = true;
    void checkIn();
    // Once per opened link: the reader retries with the button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code]);

  return (
    <AppShell title={t('checkIn.title')}>
      <Card className="check-in">
        {!code ? (
          <Result status="warning" title={t('checkIn.noCode')} />
        ) : done && !action.error ? (
          <Result
            status="success"
            title={t('checkIn.done', { round: done.roundName })}
            subTitle={
              <ul className="check-in__list">
                {done.checkedIn.map((c) => (
                  <li key={c.subjectId}>
                    <Typography.Text strong>
                      {c.subjectType === 'PROJECT'
                        ? t('checkIn.project', { title: c.name })
                        : t('checkIn.judge', { name: c.name })}
                    </Typography.Text>{' '}
                    {t('checkIn.at', { time: time(c.checkedInAt) })}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          <>
            <ErrorAlert error={action.error} />
            <Button
              type="primary"
              size="large"
              block
              loading={action.busy === 'check-in'}
              onClick={() => void checkIn()}
            >
              {t('checkIn.button')}
            </Button>
          </>
        )}
      </Card>
      {done && <MeetingLinks roundId={roundId} />}
    </AppShell>
  );
}
