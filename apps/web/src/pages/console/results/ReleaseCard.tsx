import { Alert, Button, Card, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCapability } from '../capabilities';
import { http } from '../http';
import { useConsoleT, useLoad } from '../hooks';
import { ReasonAlert } from '../ReasonAlert';

interface Outcome {
  result: string;
  award: string | null;
}

interface ResultsReleasePreview {
  recipients: {
    ownerId: string;
    email: string;
    mail: 'RESULT' | 'CORRECTION';
    results: (Outcome & { title: string; previous: Outcome | null })[];
  }[];
}

// The release follows the decision: its preview is asked for once the heat is decided.
export function ReleaseCard({ heatId, decided }: { heatId: string; decided: boolean }) {
  const { t } = useConsoleT();
  const offered = useCapability('get', '/api/v1/heats/{id}/results/release/preview');
  const preview = useLoad(
    () =>
      offered && decided
        ? http<ResultsReleasePreview>('GET', `/heats/${heatId}/results/release/preview`)
        : Promise.resolve(undefined),
    [heatId, offered, decided],
  );
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [released, setReleased] = useState(false);
  const missing = offered === false;
  const recipients = preview.data?.recipients ?? [];
  const outcome = (o: Outcome) => o.award ?? t(`status.${o.result}`);
  async function release() {
    setBusy(true);
    try {
      await http('POST', `/heats/${heatId}/results/release`);
      setReleased(true);
      setOpen(false);
      await preview.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('results.release')} className="console-section">
      {missing ? (
        <p>{t('results.releaseWithDecision')}</p>
      ) : (
        <>
          <ReasonAlert error={preview.error ?? error} notFound="heatNotFound" />
          {released && (
            <Alert
              type="success"
              showIcon
              message={t('results.released')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Button type="primary" disabled={!recipients.length} onClick={() => setOpen(true)}>
            {t('results.release')}（{recipients.length}）
          </Button>
          <Modal
            open={open}
            title={t('results.releasePreview')}
            width={720}
            onCancel={() => setOpen(false)}
            onOk={() => void release()}
            confirmLoading={busy}
          >
            <Table
              size="small"
              rowKey="ownerId"
              pagination={false}
              dataSource={recipients}
              columns={[
                { title: t('judges.email'), dataIndex: 'email' },
                {
                  title: t('release.mail'),
                  width: 80,
                  render: (_, r) => (
                    <Tag color={r.mail === 'CORRECTION' ? 'orange' : 'blue'}>
                      {t(`release.${r.mail}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('rounds.project'),
                  render: (_, r) =>
                    r.results
                      .map(
                        (i) =>
                          `${i.title}（${outcome(i)}${
                            i.previous
                              ? `，${t('release.previous', { was: outcome(i.previous) })}`
                              : ''
                          }）`,
                      )
                      .join('、'),
                },
              ]}
            />
          </Modal>
        </>
      )}
    </Card>
  );
}
