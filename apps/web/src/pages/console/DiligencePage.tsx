import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { ConfirmDialog } from './ConfirmDialog';
import { byId, formatTime, useCompetitionId } from './hooks';

type Check = components['schemas']['DiligenceViewDto'];
type Outcome = 'PASSED' | 'FAILED' | 'REFUSED';

// 尽职调查 in the console (docs/due-process.md): the competition's checklist,
// a heat's projects put under due diligence with a handler each, then passed
// (every item checked), failed or refused with findings; a fail or a refusal
// withdraws the project and its place passes on by the stage's 递补 rule.
const TEXT = {
  zh: {
    title: '尽职调查',
    heat: '赛区/阶段',
    checklist: '核查清单',
    editChecklist: '在“程序设置”中修改',
    assignTitle: '指派尽职调查',
    projects: '项目',
    handler: '负责人',
    assign: '指派',
    empty: '该阶段暂无尽职调查',
    noResults: '该阶段尚未产生晋级结果',
    status: {
      PENDING: '进行中',
      PASSED: '通过',
      FAILED: '未通过',
      REFUSED: '拒绝配合',
    } as Record<string, string>,
    outcome: '结论',
    PASSED: '通过（全部核查项符合）',
    FAILED: '未通过（取消晋级，递补）',
    REFUSED: '拒绝配合（视为弃赛，递补）',
    ok: '符合',
    note: '说明',
    findings: '核查意见',
    decide: '提交结论',
    decidedAt: '结论时间',
    confirmTitle: '确认尽职调查结论',
    confirmFail: (t: string) =>
      `「${t}」将被取消该阶段的晋级名额，名额按本阶段规则递补给排名下一位的项目（或按规则空缺），并以邮件通知项目负责人。此操作不可撤销。`,
    confirmPass: (t: string) => `「${t}」尽职调查通过，将以邮件通知项目负责人。`,
  },
  en: {
    title: 'Due diligence',
    heat: 'Heat',
    checklist: 'Checklist',
    editChecklist: 'Change it in the due-process settings',
    assignTitle: 'Put projects under due diligence',
    projects: 'Projects',
    handler: 'Handler',
    assign: 'Assign',
    empty: 'No due diligence in this heat',
    noResults: 'This heat has no advancement yet',
    status: {
      PENDING: 'In progress',
      PASSED: 'Passed',
      FAILED: 'Failed',
      REFUSED: 'Refused',
    } as Record<string, string>,
    outcome: 'Outcome',
    PASSED: 'Passed (every item checked)',
    FAILED: 'Failed (the place passes on)',
    REFUSED: 'Refused (counts as a withdrawal; the place passes on)',
    ok: 'Matches',
    note: 'Note',
    findings: 'Findings',
    decide: 'Decide',
    decidedAt: 'Decided',
    confirmTitle: 'Confirm the outcome',
    confirmFail: (t: string) =>
      `“${t}” loses its place in this heat; the place passes to the next in the ranking by the stage's rule (or stays empty), and the team is mailed. This cannot be undone.`,
    confirmPass: (t: string) => `“${t}” passes due diligence; the team is mailed.`,
  },
};

type Decision = {
  outcome: Outcome;
  items: Record<string, { ok: boolean; note: string }>;
  findings: string;
};

export default function DiligencePage() {
  const cid = useCompetitionId();
  const { i18n } = useTranslation();
  const T = TEXT[i18n.language?.startsWith('en') ? 'en' : 'zh'];
  const competition = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid));
  const heats = $api.useQuery('get', '/api/v1/competitions/{id}/heats', byId(cid));
  const settings = $api.useQuery(
    'get',
    '/api/v1/competitions/{id}/due-process-settings',
    byId(cid),
  );
  const organisers = $api.useQuery('get', '/api/v1/competitions/{id}/organisers', byId(cid));
  const [chosenHeat, setHeatId] = useState<string>();
  const heatList = heats.data?.items ?? [];
  const heatId = chosenHeat ?? heatList[0]?.id;
  const hid = heatId ?? '';
  const advancement = $api.useQuery('get', '/api/v1/heats/{id}/advancement', byId(hid), {
    enabled: !!heatId,
  });
  const checks = $api.useQuery('get', '/api/v1/heats/{id}/diligence', byId(hid), {
    enabled: !!heatId,
  });
  const { run, busy, error, reset } = useAction();
  const [selected, setSelected] = useState<string[]>([]);
  const [handlerId, setHandlerId] = useState<string>();
  const [deciding, setDeciding] = useState<Record<string, Decision>>({});
  const [confirming, setConfirming] = useState<Check | null>(null);
  const zone = competition.data?.timeZone;
  const items = checks.data?.items ?? [];
  const underCheck = new Set(items.map((c) => c.projectId));
  const results = advancement.data && 'results' in advancement.data ? advancement.data.results : [];
  const names = new Map((organisers.data?.items ?? []).map((o) => [o.userId, o.name]));

  const decisionOf = (c: Check): Decision =>
    deciding[c.id] ?? {
      outcome: 'PASSED',
      items: Object.fromEntries(c.checklist.map((i) => [i.code, { ok: false, note: '' }])),
      findings: '',
    };
  const setDecision = (c: Check, d: Decision) => setDeciding({ ...deciding, [c.id]: d });

  const decide = () => {
    if (!confirming) return;
    const d = decisionOf(confirming);
    void run('decide', () =>
      call(
        api.POST('/api/v1/diligence/{id}/decide', {
          params: { path: { id: confirming.id } },
          body: {
            outcome: d.outcome,
            findings: d.findings,
            items: Object.entries(d.items).map(([code, v]) => ({
              code,
              ok: v.ok,
              note: v.note || undefined,
            })),
          },
        }),
      ),
    ).then((r) => {
      if (r) setConfirming(null);
    });
  };

  return (
    <div className="diligence">
      <Typography.Title level={3}>{T.title}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="diligence-heat">{T.heat}</label>
        <Select
          id="diligence-heat"
          aria-label={T.heat}
          style={{ minWidth: 200 }}
          value={heatId}
          onChange={(v: string) => {
            setHeatId(v);
            setSelected([]);
          }}
          options={heatList.map((h) => ({ value: h.id, label: h.name }))}
        />
      </Space>
      <Card size="small" title={T.checklist} style={{ marginBottom: 12 }}>
        <Space wrap>
          {(settings.data?.diligenceChecklist ?? []).map((i) => (
            <Tag key={i.code}>{i.label}</Tag>
          ))}
        </Space>
        <div style={{ marginTop: 8 }}>
          <Link to={`/console/c/${cid}/due-settings`}>{T.editChecklist}</Link>
        </div>
      </Card>
      <ErrorAlert error={confirming ? null : (error ?? checks.error)} />
      {heatId && advancement.data && !('results' in advancement.data) && (
        <Alert type="info" message={T.noResults} style={{ marginBottom: 12 }} />
      )}
      {results.length > 0 && (
        <Card size="small" title={T.assignTitle} style={{ marginBottom: 12 }}>
          <Form layout="vertical">
            <Form.Item label={T.projects} htmlFor="diligence-projects">
              <Select
                id="diligence-projects"
                mode="multiple"
                aria-label={T.projects}
                value={selected}
                onChange={setSelected}
                options={results
                  .filter((r) => r.result !== 'ELIMINATED' && !underCheck.has(r.projectId))
                  .map((r) => ({ value: r.projectId, label: `${r.title}（${r.score}）` }))}
              />
            </Form.Item>
            <Form.Item label={T.handler} htmlFor="diligence-handler">
              <Select
                id="diligence-handler"
                aria-label={T.handler}
                value={handlerId}
                onChange={setHandlerId}
                options={(organisers.data?.items ?? []).map((o) => ({
                  value: o.userId,
                  label: `${o.name}（${o.email}）`,
                }))}
              />
            </Form.Item>
            <Button
              type="primary"
              disabled={!selected.length || !handlerId}
              loading={busy === 'assign'}
              onClick={() => {
                reset();
                void run('assign', () =>
                  call(
                    api.POST('/api/v1/heats/{id}/diligence', {
                      params: { path: { id: hid } },
                      body: { projectIds: selected, handlerId: handlerId! },
                    }),
                  ),
                ).then((r) => r && setSelected([]));
              }}
            >
              {T.assign}
            </Button>
          </Form>
        </Card>
      )}
      {heatId && items.length === 0 && !checks.isLoading && <Empty description={T.empty} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((c) => {
          const d = decisionOf(c);
          const pending = c.status === 'PENDING';
          return (
            <Card
              key={c.id}
              size="small"
              data-testid={`diligence-${c.projectId}`}
              title={
                <Space wrap>
                  <span>{c.title}</span>
                  <Tag
                    color={
                      c.status === 'PASSED'
                        ? 'success'
                        : c.status === 'PENDING'
                          ? 'processing'
                          : 'error'
                    }
                  >
                    {T.status[c.status] ?? c.status}
                  </Tag>
                </Space>
              }
              extra={`${T.handler}: ${names.get(c.handlerId) ?? ''}`}
            >
              {pending ? (
                <Form layout="vertical">
                  {c.checklist.map((i) => (
                    <div
                      key={i.code}
                      className="diligence__item"
                      style={{
                        display: 'flex',
                        flexWrap: 'wrap',
                        gap: 8,
                        alignItems: 'center',
                        marginBottom: 8,
                      }}
                    >
                      <Checkbox
                        style={{ minWidth: 140 }}
                        checked={d.items[i.code]?.ok ?? false}
                        onChange={(e) =>
                          setDecision(c, {
                            ...d,
                            items: {
                              ...d.items,
                              [i.code]: { ...d.items[i.code], ok: e.target.checked },
                            },
                          })
                        }
                      >
                        {i.label}
                      </Checkbox>
                      <Input
                        aria-label={`${i.label} ${T.note}`}
                        placeholder={T.note}
                        size="small"
                        style={{ flex: '1 1 220px', maxWidth: 420 }}
                        value={d.items[i.code]?.note ?? ''}
                        onChange={(e) =>
                          setDecision(c, {
                            ...d,
                            items: {
                              ...d.items,
                              [i.code]: { ...d.items[i.code], note: e.target.value },
                            },
                          })
                        }
                      />
                    </div>
                  ))}
                  <Form.Item label={T.outcome} style={{ marginTop: 12 }}>
                    <Radio.Group
                      value={d.outcome}
                      onChange={(e) => setDecision(c, { ...d, outcome: e.target.value as Outcome })}
                      options={(['PASSED', 'FAILED', 'REFUSED'] as const).map((o) => ({
                        value: o,
                        label: T[o],
                      }))}
                    />
                  </Form.Item>
                  <Form.Item label={T.findings} htmlFor={`findings-${c.id}`} required>
                    <Input.TextArea
                      id={`findings-${c.id}`}
                      rows={3}
                      value={d.findings}
                      onChange={(e) => setDecision(c, { ...d, findings: e.target.value })}
                    />
                  </Form.Item>
                  <Button
                    type="primary"
                    danger={d.outcome !== 'PASSED'}
                    disabled={!d.findings.trim()}
                    onClick={() => {
                      reset();
                      setConfirming(c);
                    }}
                  >
                    {T.decide}
                  </Button>
                </Form>
              ) : (
                <div className="diligence__decided">
                  <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                    {c.items.map((i) => (
                      <li key={i.code}>
                        {i.ok ? '✓' : '✗'}{' '}
                        {c.checklist.find((x) => x.code === i.code)?.label ?? i.code}
                        {i.note ? `：${i.note}` : ''}
                      </li>
                    ))}
                  </ul>
                  <p style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
                    <strong>{T.findings}：</strong>
                    {c.findings}
                  </p>
                  <p style={{ margin: '4px 0 0' }}>
                    <Typography.Text type="secondary">
                      {T.decidedAt}：{formatTime(c.decidedAt, zone)}
                    </Typography.Text>
                  </p>
                </div>
              )}
            </Card>
          );
        })}
      </Space>
      <ConfirmDialog
        open={!!confirming}
        title={T.confirmTitle}
        danger={!!confirming && decisionOf(confirming).outcome !== 'PASSED'}
        busy={busy === 'decide'}
        error={error}
        onOk={decide}
        onCancel={() => setConfirming(null)}
      >
        {confirming && (
          <p>
            {T[decisionOf(confirming).outcome]} ·{' '}
            {decisionOf(confirming).outcome === 'PASSED'
              ? T.confirmPass(confirming.title)
              : T.confirmFail(confirming.title)}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
