import { Button, Card, QRCode, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { ConfirmDialog } from '../ConfirmDialog';
import { byId, formatTime, useConsoleT } from '../hooks';
import type { Round } from './types';

type Issued = components['schemas']['IssuedJudgePassesDto'];
type Pass = components['schemas']['JudgePassDto'];

/**
 * Judges without passwords on the day: a one-time QR per judge of the round
 * (made here and printed at once: the tokens are shown only now), each
 * judge's code bound to the first phone that scans it, and a revoke.
 */
export function JudgePassesCard({ round, timeZone }: { round: Round; timeZone?: string }) {
  const { t } = useConsoleT();
  const action = useAction();
  const path = byId(round.id);
  const list = $api.useQuery('get', '/api/v1/rounds/{id}/judge-passes', path, {
    refetchInterval: 15_000,
  });
  const [sheet, setSheet] = useState<Issued>();
  const [revoking, setRevoking] = useState<Pass | null>(null);
  const closed = round.status === 'CLOSED';

  const issue = async () => {
    const made = await action.run('issue', () =>
      call(api.POST('/api/v1/rounds/{id}/judge-passes', { ...path, body: {} })),
    );
    if (made) setSheet(made);
  };
  const revoke = async () => {
    if (!revoking) return;
    const done = await action.run('revoke', () =>
      call(
        api.POST('/api/v1/rounds/{id}/judge-passes/{passId}/revoke', {
          params: { path: { id: round.id, passId: revoking.passId } },
        }),
      ),
    );
    if (done) setRevoking(null);
  };

  return (
    <Card title={t('passes.title')} className="console-section" data-testid="judge-passes-card">
      <ErrorAlert error={revoking ? null : (action.error ?? list.error)} />
      <Typography.Paragraph type="secondary">{t('passes.hint')}</Typography.Paragraph>
      <Space>
        <Button
          type="primary"
          onClick={() => void issue()}
          disabled={closed}
          loading={action.busy === 'issue'}
        >
          {t('passes.issue')}
        </Button>
        {sheet && <Button onClick={() => window.print()}>{t('passes.print')}</Button>}
      </Space>
      {sheet && (
        <div className="judge-pass-sheet" data-testid="judge-pass-sheet">
          <Typography.Title level={4}>
            {t('passes.sheetTitle', { round: sheet.roundName })}
          </Typography.Title>
          <div className="judge-pass-sheet__grid">
            {sheet.passes.map((p) => (
              <figure key={p.passId} className="judge-pass-sheet__card" data-testid="judge-pass">
                <QRCode value={`${window.location.origin}${p.path}`} size={200} bordered={false} />
                <figcaption>
                  <strong>
                    {t('passes.judge')} {p.judgeName}
                  </strong>
                  <br />
                  {t('passes.validUntil', { at: formatTime(sheet.expiresAt, sheet.timeZone) })}
                </figcaption>
              </figure>
            ))}
          </div>
        </div>
      )}
      <Table
        size="small"
        rowKey="passId"
        pagination={false}
        locale={{ emptyText: t('passes.none') }}
        dataSource={list.data?.passes ?? []}
        columns={[
          { title: t('passes.judge'), dataIndex: 'judgeName' },
          {
            title: '',
            dataIndex: 'status',
            render: (s: Pass['status']) => (
              <Tag color={s === 'BOUND' ? 'green' : s === 'UNUSED' ? 'blue' : undefined}>
                {t(`passes.status.${s}`)}
              </Tag>
            ),
          },
          {
            title: t('passes.boundAt'),
            dataIndex: 'boundAt',
            render: (at: string | null) => (at ? formatTime(at, timeZone) : '—'),
          },
          {
            title: '',
            render: (_, p: Pass) =>
              p.status === 'UNUSED' || p.status === 'BOUND' ? (
                <Button size="small" danger onClick={() => setRevoking(p)}>
                  {t('passes.revoke')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ConfirmDialog
        open={!!revoking}
        title={t('passes.revokeTitle', { name: revoking?.judgeName ?? '' })}
        okText={t('passes.revoke')}
        danger
        busy={action.busy === 'revoke'}
        error={action.error}
        onOk={() => void revoke()}
        onCancel={() => {
          setRevoking(null);
          action.reset();
        }}
      >
        {t('passes.revokeBody')}
      </ConfirmDialog>
    </Card>
  );
}
