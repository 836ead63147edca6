import { Alert, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import { SignaturePad } from '../../components/SignaturePad';
import { AppShell } from '../../layout/AppShell';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { formatTime } from '../console/hooks';
import '../sign-off-i18n';

const mmss = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The team's phone after 亮分: its score card, the time left to object
 * (counted from the server's clock), 签字确认无异议 with a drawn signature,
 * or one objection in writing.
 */
export function ResultPage() {
  const { t } = useTranslation();
  const { roundId = '', projectId = '' } = useParams();
  const path = { params: { path: { id: roundId, projectId } } };
  const result = $api.useQuery('get', '/api/v1/rounds/{id}/projects/{projectId}/result', path, {
    refetchInterval: 15_000,
  });
  const action = useAction();
  const [png, setPng] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [asking, setAsking] = useState(false);
  const [tick, setTick] = useState(0);
  const r = result.data;
  const arrived = result.dataUpdatedAt;
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);
  void tick;
  const left =
    r?.objectionClosesAt && r.state === 'OPEN'
      ? Date.parse(r.objectionClosesAt) - (r.serverNow + (Date.now() - arrived))
      : null;

  const confirm = () =>
    action.run('confirm', () =>
      call(
        api.POST('/api/v1/rounds/{id}/projects/{projectId}/confirmation', {
          ...path,
          body: { signature: png! },
        }),
      ),
    );
  const object = async () => {
    const done = await action.run('object', () =>
      call(
        api.POST('/api/v1/rounds/{id}/projects/{projectId}/objection', {
          ...path,
          body: { text: text.trim() },
        }),
      ),
    );
    if (done) setAsking(false);
  };

  return (
    <AppShell title={t('signOff.resultTitle')}>
      <Link to="/applicant" className="back-link">
        ‹ {t('applicant.myProjects')}
      </Link>
      <ErrorAlert error={result.error ?? action.error} />
      {r && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" title={`${r.title} · ${r.roundName}`}>
            <Tag
              color={r.state === 'OBJECTED' || r.state === 'RESCORING' ? 'orange' : 'blue'}
              data-testid="result-state"
            >
              {t(`signOff.states.${r.state}`)}
            </Tag>
            {r.card && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('signOff.score')}</Typography.Text>
                <div style={{ fontSize: 40, fontWeight: 700 }} data-testid="result-score">
                  {r.card.score === null ? '—' : r.card.score.toFixed(2)}
                </div>
                <div>
                  {r.card.entries.map((e) => (
                    <Tag key={e.label} style={e.dropped ? { textDecoration: 'line-through' } : {}}>
                      {e.label} {e.total.toFixed(2)}
                    </Tag>
                  ))}
                </div>
              </div>
            )}
            {left !== null && (
              <Alert
                style={{ marginTop: 12 }}
                type={left > 60_000 ? 'info' : 'warning'}
                message={
                  left > 0 ? (
                    <span>
                      {t('signOff.window')}{' '}
                      <strong data-testid="objection-countdown">{mmss(left)}</strong>
                    </span>
                  ) : (
                    t('signOff.windowClosed')
                  )
                }
              />
            )}
            {r.confirmedAt && (
              <p>{t('signOff.signedAt', { at: formatTime(r.confirmedAt, r.timeZone) })}</p>
            )}
            {r.objection && (
              <div style={{ marginTop: 12 }}>
                <Typography.Paragraph>
                  {t('signOff.objections')}：{r.objection.text}
                </Typography.Paragraph>
                <Tag>{t(`signOff.decision.${r.objection.status}`)}</Tag>
                {r.objection.reason && (
                  <p>
                    {t('signOff.reason')}：{r.objection.reason}
                  </p>
                )}
              </div>
            )}
          </Card>
          {r.mayConfirm && (
            <Card size="small">
              <SignaturePad
                id="team-signature"
                label={t('signOff.teamSignature')}
                onChange={setPng}
              />
              <Button
                type="primary"
                block
                style={{ marginTop: 8 }}
                disabled={!png}
                loading={action.busy === 'confirm'}
                onClick={() => void confirm()}
              >
                {t('signOff.confirm')}
              </Button>
            </Card>
          )}
          {r.mayObject && (
            <Card size="small">
              <Form layout="vertical">
                <Form.Item label={t('signOff.objectionLabel')} htmlFor="objection-text">
                  <Input.TextArea
                    id="objection-text"
                    rows={4}
                    maxLength={2000}
                    placeholder={t('signOff.objectionPlaceholder')}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                  />
                </Form.Item>
              </Form>
              <Button
                danger
                block
                disabled={text.trim().length < 5}
                onClick={() => setAsking(true)}
              >
                {t('signOff.object')}
              </Button>
              <Modal
                open={asking}
                title={t('signOff.object')}
                okText={t('signOff.object')}
                okButtonProps={{ danger: true }}
                confirmLoading={action.busy === 'object'}
                onOk={() => void object()}
                onCancel={() => setAsking(false)}
              >
                <p>{t('signOff.objectConfirm')}</p>
              </Modal>
            </Card>
          )}
        </Space>
      )}
    </AppShell>
  );
}
