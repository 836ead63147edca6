import { Alert, Button, Card, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { formatInZone } from './deadline';
import { PlaceOffers } from './PlaceOffers';

type HeatResult = components['schemas']['DueProcessProjectResultDto'];
type Appeal = components['schemas']['AppealViewDto'];

// The team's side of due process on its project page (docs/due-process.md):
// for each released heat result, a written withdrawal of the place it holds
// (弃赛承诺书; the place passes on by the stage's 递补 rule) and an appeal of
// the result (申诉: 复核 or 重评) within the window, with its decision after.
const TEXT = {
  zh: {
    title: '结果与申诉',
    result: { ADVANCED: '晋级', ELIMINATED: '未晋级', AWARDED: '获奖' } as Record<string, string>,
    standing: {
      ADVANCED: '公示中：晋级',
      SUBSTITUTED: '公示中：递补晋级',
      WITHDRAWN: '已弃赛',
      DISQUALIFIED: '已取消资格',
      FAILED_DILIGENCE: '尽职调查未通过',
      OFFERED: '递补名额待确认',
      ELIMINATED: '公示中：未晋级',
      AWARDED: '公示中：获奖',
    } as Record<string, string>,
    withdraw: '书面弃赛',
    letter: '弃赛承诺书（请写明弃赛原因）',
    letterHint: '提交后本团队将放弃在该阶段获得的晋级名额。',
    withdrawSubmit: '提交弃赛',
    confirmTitle: '确认放弃晋级名额？',
    confirmBody: (heat: string) =>
      `您将书面放弃「${heat}」的晋级名额。提交后项目状态变为“已弃赛”，名额按本阶段规则递补给排名下一位的项目（或按规则空缺），此操作不可撤销，弃赛承诺书将存入大赛档案。`,
    confirmOk: '确认弃赛',
    cancel: '取消',
    withdrawn: '已书面弃赛',
    appeal: '申诉',
    kind: '申诉类型',
    RECHECK: '复核（核对评分表与计算）',
    REREVIEW: '重评（由其他专家重新评审）',
    reason: '申诉理由',
    appealSubmit: '提交申诉',
    deadline: (t: string) => `申诉截止时间：${t}`,
    closed: (t: string) => `申诉期已于 ${t} 截止。`,
    appealOnce: '每个阶段限申诉一次。',
    appealStatus: { FILED: '待处理', UPHELD: '申诉成立', DISMISSED: '申诉不成立' } as Record<
      string,
      string
    >,
    decision: '处理意见',
    correctedScore: '复核后成绩',
    filedAt: '提交时间',
    noAppealAfterWithdrawal: '已书面弃赛，不再受理申诉。',
  },
  en: {
    title: 'Results and appeals',
    result: { ADVANCED: 'Advanced', ELIMINATED: 'Not advanced', AWARDED: 'Awarded' } as Record<
      string,
      string
    >,
    standing: {
      ADVANCED: 'Public notice: advanced',
      SUBSTITUTED: 'Public notice: advanced as substitute',
      WITHDRAWN: 'Withdrawn',
      DISQUALIFIED: 'Disqualified',
      FAILED_DILIGENCE: 'Failed due diligence',
      OFFERED: 'Place offered',
      ELIMINATED: 'Public notice: not advanced',
      AWARDED: 'Public notice: awarded',
    } as Record<string, string>,
    withdraw: 'Withdraw in writing',
    letter: 'Written withdrawal (give the reason)',
    letterHint: 'The team gives up the place it won at this stage.',
    withdrawSubmit: 'Submit the withdrawal',
    confirmTitle: 'Give up the place?',
    confirmBody: (heat: string) =>
      `You give up the place won at “${heat}” in writing. The project becomes withdrawn and the place passes to the next in the ranking by the stage's rules (or stays empty, as they say). This cannot be undone; the letter is filed in the competition's record.`,
    confirmOk: 'Withdraw',
    cancel: 'Cancel',
    withdrawn: 'Withdrawn in writing',
    appeal: 'Appeal',
    kind: 'Kind of appeal',
    RECHECK: 'Re-check (sheets and arithmetic)',
    REREVIEW: 'Re-review (by other experts)',
    reason: 'Reasons',
    appealSubmit: 'Submit the appeal',
    deadline: (t: string) => `Appeals close at ${t}`,
    closed: (t: string) => `Appeals closed at ${t}.`,
    appealOnce: 'One appeal per stage.',
    appealStatus: { FILED: 'Open', UPHELD: 'Upheld', DISMISSED: 'Dismissed' } as Record<
      string,
      string
    >,
    decision: 'Decision',
    correctedScore: 'Corrected score',
    filedAt: 'Filed',
    noAppealAfterWithdrawal: 'The place was given up in writing; no appeal is taken.',
  },
};

export function DueProcessPanel({
  projectId,
  onWithdrawn,
}: {
  projectId: string;
  onWithdrawn?: () => void;
}) {
  const { i18n } = useTranslation();
  const T = TEXT[i18n.language?.startsWith('en') ? 'en' : 'zh'];
  const q = $api.useQuery('get', '/api/v1/projects/{id}/due-process', {
    params: { path: { id: projectId } },
  });
  if (!q.data?.results.length) return null;
  const { timeZone } = q.data;
  return (
    <Card title={T.title} size="small" className="due-process" style={{ marginBottom: 12 }}>
      <PlaceOffers projectId={projectId} timeZone={timeZone} />
      <Space direction="vertical" style={{ width: '100%' }} size="large">
        {q.data.results.map((r) => (
          <HeatDueProcess
            key={r.heatId}
            projectId={projectId}
            result={r}
            timeZone={timeZone}
            appeal={q.data.appeals.find((a) => a.heatId === r.heatId)}
            withdrawal={q.data.withdrawals.find((w) => w.heatId === r.heatId)}
            onWithdrawn={onWithdrawn}
          />
        ))}
      </Space>
    </Card>
  );
}

function HeatDueProcess({
  projectId,
  result: r,
  timeZone,
  appeal,
  withdrawal,
  onWithdrawn,
}: {
  onWithdrawn?: () => void;
  projectId: string;
  result: HeatResult;
  timeZone: string;
  appeal?: Appeal;
  withdrawal?: { letter: string; withdrawnAt: string };
}) {
  const { i18n } = useTranslation();
  const T = TEXT[i18n.language?.startsWith('en') ? 'en' : 'zh'];
  const { run, busy, error, reset } = useAction();
  const [letter, setLetter] = useState('');
  const [writing, setWriting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [kind, setKind] = useState<'RECHECK' | 'REREVIEW'>('RECHECK');
  const [reason, setReason] = useState('');
  const deadline = formatInZone(r.appealDeadline, timeZone);
  const id = (name: string) => `${name}-${r.heatId}`;

  const withdraw = () =>
    void run('withdraw', () =>
      call(
        api.POST('/api/v1/projects/{id}/withdraw-place', {
          params: { path: { id: projectId } },
          body: { heatId: r.heatId, letter },
        }),
      ),
    ).then((ok) => {
      if (ok) {
        setConfirming(false);
        setWriting(false);
        onWithdrawn?.();
      }
    });

  return (
    <section data-testid={`due-process-${r.heatId}`} className="due-process__heat">
      <Space wrap>
        <Typography.Text strong>{r.heatName}</Typography.Text>
        <Tag color={r.result === 'ELIMINATED' ? 'default' : 'success'}>
          {T.result[r.result] ?? r.result}
        </Tag>
        {r.standing && <Tag>{T.standing[r.standing] ?? r.standing}</Tag>}
      </Space>
      {withdrawal && (
        <Alert
          type="info"
          style={{ marginTop: 8 }}
          message={`${T.withdrawn} · ${formatInZone(withdrawal.withdrawnAt, timeZone)}`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{withdrawal.letter}</span>}
        />
      )}
      {r.holdsPlace && !writing && (
        <div style={{ marginTop: 8 }}>
          <Button danger onClick={() => setWriting(true)}>
            {T.withdraw}
          </Button>
        </div>
      )}
      {r.holdsPlace && writing && (
        <Form layout="vertical" style={{ marginTop: 8 }}>
          <Form.Item label={T.letter} htmlFor={id('letter')} extra={T.letterHint} required>
            <Input.TextArea
              id={id('letter')}
              rows={4}
              maxLength={5000}
              value={letter}
              onChange={(e) => setLetter(e.target.value)}
            />
          </Form.Item>
          <Space wrap>
            <Button
              danger
              type="primary"
              disabled={!letter.trim()}
              onClick={() => {
                reset();
                setConfirming(true);
              }}
            >
              {T.withdrawSubmit}
            </Button>
            <Button onClick={() => setWriting(false)}>{T.cancel}</Button>
          </Space>
        </Form>
      )}
      <Modal
        open={confirming}
        title={T.confirmTitle}
        okText={T.confirmOk}
        cancelText={T.cancel}
        okButtonProps={{ danger: true }}
        cancelButtonProps={{ disabled: busy === 'withdraw' }}
        confirmLoading={busy === 'withdraw'}
        closable={busy !== 'withdraw'}
        maskClosable={false}
        destroyOnHidden
        onOk={withdraw}
        onCancel={() => busy !== 'withdraw' && setConfirming(false)}
      >
        <p>{T.confirmBody(r.heatName)}</p>
        <ErrorAlert error={confirming ? error : null} />
      </Modal>

      <div className="due-process__appeal" style={{ marginTop: 12 }}>
        <Typography.Text strong>{T.appeal}</Typography.Text>
        {appeal ? (
          <dl className="due-process__facts" data-testid={`appeal-${r.heatId}`}>
            <dt>{T.kind}</dt>
            <dd>{T[appeal.kind] ?? appeal.kind}</dd>
            <dt>{T.reason}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{appeal.reason}</dd>
            <dt>{T.filedAt}</dt>
            <dd>{formatInZone(appeal.createdAt, timeZone)}</dd>
            <dt>{T.decision}</dt>
            <dd>
              <Tag
                color={
                  appeal.status === 'UPHELD'
                    ? 'success'
                    : appeal.status === 'DISMISSED'
                      ? 'default'
                      : 'processing'
                }
              >
                {T.appealStatus[appeal.status] ?? appeal.status}
              </Tag>
              {appeal.decisionReason && <div>{appeal.decisionReason}</div>}
              {appeal.correctedScore !== null && (
                <div>
                  {T.correctedScore}: {appeal.correctedScore}
                </div>
              )}
            </dd>
          </dl>
        ) : withdrawal ? (
          <Typography.Paragraph type="secondary">{T.noAppealAfterWithdrawal}</Typography.Paragraph>
        ) : (
          <Form layout="vertical" style={{ marginTop: 8 }}>
            <Typography.Paragraph type={r.appealOpen ? undefined : 'warning'}>
              {r.appealOpen ? T.deadline(deadline) : T.closed(deadline)} {T.appealOnce}
            </Typography.Paragraph>
            <Form.Item label={T.kind}>
              <Radio.Group
                value={kind}
                onChange={(e) => setKind(e.target.value as 'RECHECK' | 'REREVIEW')}
                options={[
                  { value: 'RECHECK', label: T.RECHECK },
                  { value: 'REREVIEW', label: T.REREVIEW },
                ]}
              />
            </Form.Item>
            <Form.Item label={T.reason} htmlFor={id('reason')} required>
              <Input.TextArea
                id={id('reason')}
                rows={3}
                maxLength={5000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Form.Item>
            <Button
              type="primary"
              disabled={!reason.trim()}
              loading={busy === 'appeal'}
              onClick={() => {
                reset();
                void run('appeal', () =>
                  call(
                    api.POST('/api/v1/projects/{id}/appeals', {
                      params: { path: { id: projectId } },
                      body: { heatId: r.heatId, kind, reason },
                    }),
                  ),
                );
              }}
            >
              {T.appealSubmit}
            </Button>
          </Form>
        )}
      </div>
      <ErrorAlert error={confirming ? null : error} />
    </section>
  );
}
