import { Alert, Button, Card, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { byId, useConsoleT } from '../hooks';
import { ErrorAlert } from '../../../layout/ErrorAlert';

type Outcome = components['schemas']['PreviousResultDto'];

// The release follows the decision: its preview is asked for once the heat is decided.
export function ReleaseCard({ heatId, decided }: { heatId: string; decided: boolean }) {
  const { t } = useConsoleT();
  const preview = $api.useQuery('get', '/api/v1/heats/{id}/results/release/preview', byId(heatId), {
    enabled: decided,
  });
  const [open, setOpen] = useState(false);
  const action = useAction();
  const [released, setReleased] = useState(false);
  const recipients = preview.data?.recipients ?? [];
  const outcome = (o: Outcome) => o.award ?? t(`status.${o.result}`);
  async function release() {
    const done = await action.run('release', () =>
      call(api.POST('/api/v1/heats/{id}/results/release', byId(heatId))),
    );
    if (!done) return;
    setReleased(true);
    setOpen(false);
  }
  return (
    <Card title={t('results.release')} className="console-section">
      {
        <>
          <ErrorAlert error={preview.error ?? action.error} />
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
            confirmLoading={!!action.busy}
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
      }
    </Card>
  );
}
