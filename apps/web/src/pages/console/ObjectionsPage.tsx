import { Button, Card, Empty, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { ConfirmDialog } from './ConfirmDialog';
import { byId, formatTime, useCompetitionId } from './hooks';

// 异议 in the console (docs/due-process.md): every objection of the
// competition with its evidence; assign a handler, merge an identical one,
// decide (upheld or dismissed, with reasons); an upheld one may disqualify
// the project concerned (→ 递补). Never shown anywhere public.

const TEXT = {
  zh: {
    title: '异议处理',
    empty: '暂无异议',
    receipt: '回执编号',
    objector: '异议人',
    unit: '单位',
    contact: '联系方式',
    project: '涉及项目',
    procedure: '涉及程序',
    reason: '异议理由',
    evidence: '证明材料',
    handler: '处理人',
    assignMe: '指派给我',
    merge: '合并到相同异议',
    decide: '作出结论',
    outcome: '结论',
    UPHELD: '异议成立',
    DISMISSED: '异议不成立',
    action: '处理措施',
    NONE: '无',
    DISQUALIFY: '取消该项目资格（递补）',
    REOPEN: '重新公示',
    reasons: '答复理由（将发送给异议人）',
    findings: '核查记录（内部）',
    confirmTitle: '确认异议结论',
    confirmBody: '结论将通过邮件告知异议人，且不可撤销。',
    status: {
      FILED: '待处理',
      ASSIGNED: '处理中',
      UPHELD: '成立',
      DISMISSED: '不成立',
      MERGED: '已合并',
    } as Record<string, string>,
  },
  en: {
    title: 'Objections',
    empty: 'No objections',
    receipt: 'Receipt',
    objector: 'Objector',
    unit: 'Unit',
    contact: 'Contact',
    project: 'Project',
    procedure: 'Procedure',
    reason: 'Reasons',
    evidence: 'Evidence',
    handler: 'Handler',
    assignMe: 'Assign to me',
    merge: 'Merge into an identical one',
    decide: 'Decide',
    outcome: 'Outcome',
    UPHELD: 'Upheld',
    DISMISSED: 'Dismissed',
    action: 'Action',
    NONE: 'None',
    DISQUALIFY: 'Disqualify the project (offer the place on)',
    REOPEN: 'Re-open the notice',
    reasons: 'Answer (mailed to the objector)',
    findings: 'Findings (internal)',
    confirmTitle: 'Confirm the decision',
    confirmBody: 'The objector is mailed the outcome; it cannot be undone.',
    status: {
      FILED: 'Open',
      ASSIGNED: 'In hand',
      UPHELD: 'Upheld',
      DISMISSED: 'Dismissed',
      MERGED: 'Merged',
    } as Record<string, string>,
  },
};

type Decision = {
  id: string;
  outcome: 'UPHELD' | 'DISMISSED';
  action: 'NONE' | 'DISQUALIFY' | 'REOPEN';
  reasons: string;
  findings: string;
};

export default function ObjectionsPage() {
  const cid = useCompetitionId();
  const { i18n } = useTranslation();
  const T = TEXT[i18n.language?.startsWith('en') ? 'en' : 'zh'];
  const { user } = useAuth();
  const competition = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid));
  const list = $api.useQuery('get', '/api/v1/competitions/{id}/objections', byId(cid));
  const { run, busy, error, reset } = useAction();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [confirming, setConfirming] = useState(false);
  const zone = competition.data?.timeZone;
  const items = list.data?.items ?? [];
  const open = (s: string) => s === 'FILED' || s === 'ASSIGNED';

  const confirm = () => {
    if (!deciding) return;
    void run('decide', () =>
      call(
        api.POST('/api/v1/objections/{id}/decide', {
          params: { path: { id: deciding.id } },
          body: {
            outcome: deciding.outcome,
            action: deciding.outcome === 'UPHELD' ? deciding.action : 'NONE',
            reasons: deciding.reasons,
            findings: deciding.findings || undefined,
          },
        }),
      ),
    ).then((r) => {
      if (r) {
        setConfirming(false);
        setDeciding(null);
      }
    });
  };

  return (
    <div className="objections">
      <Typography.Title level={3}>{T.title}</Typography.Title>
      <ErrorAlert error={list.error ?? (confirming ? null : error)} />
      {items.length === 0 && !list.isLoading && <Empty description={T.empty} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((o) => (
          <Card
            key={o.id}
            data-testid={`objection-${o.receipt}`}
            title={
              <Space wrap>
                <span>
                  {T.receipt} {o.receipt}
                </span>
                <Tag color={open(o.status) ? 'orange' : o.status === 'UPHELD' ? 'red' : 'default'}>
                  {T.status[o.status] ?? o.status}
                </Tag>
                <span>{o.heatName}</span>
              </Space>
            }
            extra={formatTime(o.createdAt, zone)}
          >
            <dl className="objection__facts">
              <dt>{T.objector}</dt>
              <dd>
                {o.name}（{o.unit}）
              </dd>
              <dt>{T.contact}</dt>
              <dd>{o.contact}</dd>
              {o.projectTitle && (
                <>
                  <dt>{T.project}</dt>
                  <dd>{o.projectTitle}</dd>
                </>
              )}
              {o.procedure && (
                <>
                  <dt>{T.procedure}</dt>
                  <dd>{o.procedure}</dd>
                </>
              )}
              <dt>{T.reason}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</dd>
              {o.evidence.length > 0 && (
                <>
                  <dt>{T.evidence}</dt>
                  <dd>
                    {o.evidence.map((e) => (
                      <div key={e.id}>
                        <a href={`/api/v1/objections/${o.id}/evidence/${e.id}`}>{e.name}</a>
                      </div>
                    ))}
                  </dd>
                </>
              )}
              {o.decisionReason && (
                <>
                  <dt>{T.reasons}</dt>
                  <dd>{o.decisionReason}</dd>
                </>
              )}
            </dl>
            {open(o.status) && (
              <Space wrap>
                {o.status === 'FILED' && user && (
                  <Button
                    loading={busy === `assign-${o.id}`}
                    onClick={() => {
                      reset();
                      void run(`assign-${o.id}`, () =>
                        call(
                          api.POST('/api/v1/objections/{id}/assign', {
                            params: { path: { id: o.id } },
                            body: { handlerId: user.id },
                          }),
                        ),
                      );
                    }}
                  >
                    {T.assignMe}
                  </Button>
                )}
                <Select
                  aria-label={T.merge}
                  placeholder={T.merge}
                  style={{ minWidth: 220 }}
                  options={items
                    .filter(
                      (x) =>
                        x.id !== o.id && x.status !== 'MERGED' && x.publicityId === o.publicityId,
                    )
                    .map((x) => ({ value: x.id, label: `${x.receipt} · ${x.name}` }))}
                  onChange={(intoId: string) =>
                    void run(`merge-${o.id}`, () =>
                      call(
                        api.POST('/api/v1/objections/{id}/merge', {
                          params: { path: { id: o.id } },
                          body: { intoId },
                        }),
                      ),
                    )
                  }
                />
                <Button
                  type="primary"
                  onClick={() => {
                    reset();
                    setDeciding({
                      id: o.id,
                      outcome: 'UPHELD',
                      action: 'NONE',
                      reasons: '',
                      findings: '',
                    });
                  }}
                >
                  {T.decide}
                </Button>
              </Space>
            )}
            {deciding?.id === o.id && (
              <Form layout="vertical" className="objection__decide" style={{ marginTop: 16 }}>
                <Form.Item label={T.outcome}>
                  <Radio.Group
                    value={deciding.outcome}
                    onChange={(e) =>
                      setDeciding({ ...deciding, outcome: e.target.value as Decision['outcome'] })
                    }
                    options={[
                      { value: 'UPHELD', label: T.UPHELD },
                      { value: 'DISMISSED', label: T.DISMISSED },
                    ]}
                  />
                </Form.Item>
                {deciding.outcome === 'UPHELD' && (
                  <Form.Item label={T.action} htmlFor={`action-${o.id}`}>
                    <Select
                      id={`action-${o.id}`}
                      aria-label={T.action}
                      value={deciding.action}
                      onChange={(action: Decision['action']) =>
                        setDeciding({ ...deciding, action })
                      }
                      options={(['NONE', 'DISQUALIFY', 'REOPEN'] as const).map((a) => ({
                        value: a,
                        label: T[a],
                        disabled: a === 'DISQUALIFY' && !o.projectId,
                      }))}
                    />
                  </Form.Item>
                )}
                <Form.Item label={T.reasons} htmlFor={`reasons-${o.id}`} required>
                  <Input.TextArea
                    id={`reasons-${o.id}`}
                    rows={3}
                    value={deciding.reasons}
                    onChange={(e) => setDeciding({ ...deciding, reasons: e.target.value })}
                  />
                </Form.Item>
                <Form.Item label={T.findings} htmlFor={`findings-${o.id}`}>
                  <Input.TextArea
                    id={`findings-${o.id}`}
                    rows={2}
                    value={deciding.findings}
                    onChange={(e) => setDeciding({ ...deciding, findings: e.target.value })}
                  />
                </Form.Item>
                <Space>
                  <Button
                    type="primary"
                    danger={deciding.outcome === 'UPHELD'}
                    disabled={!deciding.reasons.trim()}
                    onClick={() => {
                      reset();
                      setConfirming(true);
                    }}
                  >
                    {T.decide}
                  </Button>
                  <Button onClick={() => setDeciding(null)}>×</Button>
                </Space>
              </Form>
            )}
          </Card>
        ))}
      </Space>
      <ConfirmDialog
        open={confirming}
        title={T.confirmTitle}
        danger={deciding?.outcome === 'UPHELD'}
        busy={busy === 'decide'}
        error={error}
        onOk={confirm}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {deciding
            ? `${T[deciding.outcome]}${deciding.outcome === 'UPHELD' ? ` · ${T[deciding.action]}` : ''}`
            : ''}
        </p>
        <p>{T.confirmBody}</p>
      </ConfirmDialog>
    </div>
  );
}
