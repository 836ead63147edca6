import { Alert, Button, Card, Form, Input, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ConfirmDialog } from '../ConfirmDialog';
import { saveFile } from '../download';
import { byId, formatTime, useConsoleT } from '../hooks';
import '../../sign-off-i18n';

type Result = components['schemas']['ProjectResultDto'];

/**
 * 签字确认 on the console's round page: each judge's sheet signed or not
 * (with the signed 评分表 to download), each team's confirmation or
 * objection with the handling dialog, and the forced close with a reason.
 */
export function SignOffCard({
  roundId,
  open,
  timeZone,
}: {
  roundId: string;
  open: boolean;
  timeZone: string;
}) {
  const { t } = useConsoleT();
  const data = $api.useQuery('get', '/api/v1/rounds/{id}/sign-off', byId(roundId), {
    refetchInterval: 10_000,
  });
  const action = useAction();
  const download = useAction({ changes: false });
  const [deciding, setDeciding] = useState<Result | null>(null);
  const [decision, setDecision] = useState<'UPHELD' | 'DISMISSED'>('DISMISSED');
  const [handling, setHandling] = useState('');
  const [reason, setReason] = useState('');
  const [forcing, setForcing] = useState(false);
  const [forceReason, setForceReason] = useState('');
  const s = data.data;
  if (!s) return null;
  const objections = s.results.filter((r) => r.objection);

  const file = (judgeId: string, kind: 'pdf' | 'xlsx') =>
    void download.run(kind, () =>
      saveFile(
        kind === 'pdf'
          ? api.GET('/api/v1/rounds/{id}/judges/{judgeId}/score-sheet.pdf', {
              params: { path: { id: roundId, judgeId } },
              parseAs: 'blob',
            })
          : api.GET('/api/v1/rounds/{id}/judges/{judgeId}/score-sheet.xlsx', {
              params: { path: { id: roundId, judgeId } },
              parseAs: 'blob',
            }),
        `score-sheet.${kind}`,
      ),
    );
  const decide = async () => {
    const done = await action.run('decide', () =>
      call(
        api.POST('/api/v1/rounds/{id}/objections/{objectionId}/decision', {
          params: { path: { id: roundId, objectionId: deciding!.objection!.id } },
          body: { decision, handling: handling.trim(), reason: reason.trim() },
        }),
      ),
    );
    if (done) {
      setDeciding(null);
      setHandling('');
      setReason('');
    }
  };
  const forceClose = async () => {
    const done = await action.run('force', () =>
      call(
        api.POST('/api/v1/rounds/{id}/close', {
          ...byId(roundId),
          body: { force: true, reason: forceReason.trim() },
        }),
      ),
    );
    if (done) setForcing(false);
  };

  return (
    <Card title={t('signOff.cardTitle')} className="console-section" data-testid="sign-off-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type={s.complete ? 'success' : 'warning'}
          message={s.signOffRequired ? t('signOff.required') : t('signOff.notRequired')}
          description={s.complete ? t('signOff.complete') : t('signOff.incompleteRound')}
        />
        <Table
          size="small"
          rowKey="judgeId"
          pagination={false}
          title={() => t('signOff.sheets')}
          dataSource={s.sheets}
          columns={[
            { title: t('signOff.judge'), dataIndex: 'name' },
            {
              title: t('signOff.cardTitle'),
              render: (_, j) => (
                <Tag
                  color={j.state === 'SIGNED' ? 'green' : j.state === 'VOID' ? 'orange' : 'default'}
                >
                  {t(`signOff.state.${j.state}`)}
                  {j.state === 'SIGNED' && j.signedAt
                    ? ` · ${formatTime(j.signedAt, timeZone)}`
                    : ''}
                </Tag>
              ),
            },
            {
              title: '',
              render: (_, j) => (
                <Space>
                  <Button size="small" onClick={() => file(j.judgeId, 'pdf')}>
                    {t('signOff.pdf')}
                  </Button>
                  <Button size="small" onClick={() => file(j.judgeId, 'xlsx')}>
                    {t('signOff.xlsx')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <Table
          size="small"
          rowKey="projectId"
          pagination={false}
          title={() => t('signOff.objections')}
          locale={{ emptyText: t('signOff.noObjections') }}
          dataSource={objections}
          columns={[
            { title: t('signOff.project'), dataIndex: 'title' },
            {
              title: t('signOff.objections'),
              render: (_, r) => (
                <>
                  <div>{r.objection!.text}</div>
                  <div className="muted">
                    {t('signOff.raisedBy', {
                      name: r.objection!.raisedByName,
                      at: formatTime(r.objection!.raisedAt, timeZone),
                    })}
                  </div>
                  {r.objection!.reason && (
                    <div>
                      {t('signOff.reason')}：{r.objection!.reason}
                    </div>
                  )}
                </>
              ),
            },
            {
              title: '',
              render: (_, r) =>
                r.objection!.status === 'PENDING' ? (
                  <Button
                    size="small"
                    type="primary"
                    disabled={!open}
                    onClick={() => setDeciding(r)}
                  >
                    {t('signOff.decide')}
                  </Button>
                ) : (
                  <Tag>{t(`signOff.decision.${r.objection!.status}`)}</Tag>
                ),
            },
          ]}
        />
        {open && !s.complete && s.signOffRequired && (
          <Button danger onClick={() => setForcing(true)}>
            {t('signOff.forceClose')}
          </Button>
        )}
      </Space>
      <ConfirmDialog
        open={!!deciding}
        title={t('signOff.decideTitle', { title: deciding?.title ?? '' })}
        busy={action.busy === 'decide'}
        error={action.error}
        danger={decision === 'UPHELD'}
        onOk={() => void decide()}
        onCancel={() => setDeciding(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t('signOff.decisionLabel')}>
            <Radio.Group
              value={decision}
              onChange={(e) => setDecision(e.target.value as 'UPHELD' | 'DISMISSED')}
            >
              <Space direction="vertical">
                <Radio value="DISMISSED">{t('signOff.dismissed')}</Radio>
                <Radio value="UPHELD">{t('signOff.upheld')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('signOff.handling')} htmlFor="objection-handling" required>
            <Input.TextArea
              id="objection-handling"
              rows={3}
              value={handling}
              onChange={(e) => setHandling(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('signOff.reason')} htmlFor="objection-reason" required>
            <Input.TextArea
              id="objection-reason"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </ConfirmDialog>
      <ConfirmDialog
        open={forcing}
        title={t('signOff.forceClose')}
        danger
        busy={action.busy === 'force'}
        error={action.error}
        onOk={() => void forceClose()}
        onCancel={() => setForcing(false)}
      >
        <Form layout="vertical">
          <Form.Item label={t('signOff.forceReason')} htmlFor="sign-off-force-reason" required>
            <Input.TextArea
              id="sign-off-force-reason"
              rows={3}
              value={forceReason}
              onChange={(e) => setForceReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </ConfirmDialog>
    </Card>
  );
}
