import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress as Bar,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { useCapability } from './capabilities';
import { download, http, items } from './http';
import { judgeList } from './judges/list';
import { useCompetitionId, useConsoleT, useInterval, useLoad } from './hooks';
import { ROUND_COLOR } from './RoundsPage';
import type { Assignment, Page, Progress, Project, Ranking, Round, RoundJudge } from './types';

interface PitchSlot {
  position: number;
  projectId: string;
  title: string;
  organisationName: string;
}
interface PitchOrder {
  seed: string;
  drawnAt: string;
  order: PitchSlot[];
}

export default function RoundPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const rid = useParams().rid!;
  const { modal, message } = App.useApp();
  const round = useLoad(
    () =>
      http<
        Round & {
          pitchOrder?: string[];
          pitchSeed?: string | null;
          pitchOrderDrawnAt?: string | null;
          nowPitchingProjectId?: string | null;
        }
      >('GET', `/rounds/${rid}`),
    [rid],
  );
  const judges = useLoad(() => items<RoundJudge>(`/rounds/${rid}/judges`), [rid]);
  const assignments = useLoad(() => items<Assignment>(`/rounds/${rid}/assignments`), [rid]);
  const progress = useLoad(() => http<Progress>('GET', `/rounds/${rid}/progress`), [rid]);
  const r = round.data;
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const screenOffered = useCapability('post', '/api/v1/rounds/{id}/ranking/stream-ticket');
  const pitchOffered = useCapability('post', '/api/v1/rounds/{id}/pitch-order');

  // Live progress while judges score.
  useInterval(
    () => {
      void progress.reload();
      void assignments.reload();
    },
    5000,
    r?.status === 'OPEN',
  );

  async function act(key: string, run: () => Promise<unknown>, done?: string) {
    setBusy(key);
    setError(null);
    try {
      await run();
      if (done) void message.success(done);
      await Promise.all([round.reload(), judges.reload(), assignments.reload(), progress.reload()]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  function close() {
    const missing = (progress.data?.assignments ?? 0) - (progress.data?.submitted ?? 0);
    void modal.confirm({
      title: t('rounds.close'),
      content: missing > 0 ? t('rounds.closeConfirm', { missing }) : t('rounds.closeConfirmClean'),
      okText: t('rounds.close'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: missing > 0 },
      onOk: () => act('close', () => http('POST', `/rounds/${rid}/close`)),
    });
  }

  async function openScreen() {
    setError(null);
    // The window opens now (inside the click) so no pop-up blocker stops it.
    const screen = window.open('', '_blank');
    try {
      const ticket = await http<{ ticket: string; screenPath?: string }>(
        'POST',
        `/rounds/${rid}/ranking/stream-ticket`,
      );
      const path =
        ticket.screenPath ?? `/screen/rounds/${rid}?ticket=${encodeURIComponent(ticket.ticket)}`;
      if (screen) screen.location.href = path;
      else window.location.assign(path);
    } catch (e) {
      screen?.close();
      setError(e);
    }
  }

  return (
    <>
      <h1>
        {r?.name ?? t('rounds.title')}{' '}
        {r && <Tag color={ROUND_COLOR[r.status]}>{t(`status.${r.status}`)}</Tag>}
      </h1>
      <ErrorAlert error={round.error} />
      {r && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} className="console-section">
          <Descriptions.Item label={t('rounds.kind')}>{t(`rounds.${r.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('rounds.method')}>
            {t(`rounds.${r.method}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('rounds.weight')}>{r.weight}</Descriptions.Item>
        </Descriptions>
      )}
      <div className="console-toolbar">
        <Button
          type="primary"
          disabled={r?.status !== 'DRAFT'}
          loading={busy === 'open'}
          onClick={() => void act('open', () => http('POST', `/rounds/${rid}/open`))}
        >
          {t('rounds.open')}
        </Button>
        <Button danger disabled={r?.status !== 'OPEN'} loading={busy === 'close'} onClick={close}>
          {t('rounds.close')}
        </Button>
        <Button disabled={!screenOffered} onClick={() => void openScreen()}>
          {t('rounds.bigScreen')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      <JudgesCard
        roundJudges={judges.data ?? []}
        closed={r?.status === 'CLOSED'}
        onAdd={(ids) =>
          act('judges', () => http('POST', `/rounds/${rid}/judges`, { judgeIds: ids }))
        }
        busy={busy === 'judges'}
      />
      <AssignCard
        round={r}
        judges={judges.data ?? []}
        assignments={assignments.data ?? []}
        heatId={r?.heatId}
        competitionId={cid}
        act={act}
        busy={busy}
      />
      <ProgressCard
        progress={progress.data}
        assignments={assignments.data ?? []}
        judges={judges.data ?? []}
        open={r?.status === 'OPEN'}
        onRemind={() =>
          act('remind', async () => {
            const res = await http<{ remindedJudges: unknown[] | number }>(
              'POST',
              `/rounds/${rid}/remind`,
            );
            const count = Array.isArray(res.remindedJudges)
              ? res.remindedJudges.length
              : res.remindedJudges;
            void message.success(t('rounds.reminded', { count }));
          })
        }
        busy={busy === 'remind'}
      />
      {r?.kind === 'ROADSHOW' && pitchOffered && (
        <PitchCard
          key={r.pitchOrderDrawnAt ?? 'none'}
          roundId={rid}
          initial={
            // The round stores the drawn order as project ids; titles come from the assignments.
            r.pitchOrder?.length && r.pitchOrderDrawnAt
              ? {
                  seed: r.pitchSeed ?? '',
                  drawnAt: r.pitchOrderDrawnAt,
                  order: r.pitchOrder.map((projectId, i) => ({
                    position: i + 1,
                    projectId,
                    title: assignments.data?.find((a) => a.projectId === projectId)?.title ?? '',
                    organisationName: '',
                  })),
                }
              : null
          }
          nowPitching={r.nowPitchingProjectId ?? null}
        />
      )}
      <RankingCard roundId={rid} />
    </>
  );
}

function JudgesCard({
  roundJudges,
  closed,
  onAdd,
  busy,
}: {
  roundJudges: RoundJudge[];
  closed: boolean;
  onAdd: (ids: string[]) => Promise<void>;
  busy: boolean;
}) {
  const { t } = useConsoleT();
  const roster = useLoad(() => judgeList(), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const inRound = new Set(roundJudges.map((j) => j.judgeId));
  const candidates = (roster.data ?? []).filter((j) => !inRound.has(j.id));
  return (
    <Card title={`${t('rounds.judges')}（${roundJudges.length}）`} className="console-section">
      <div className="console-toolbar">
        <Select
          mode="multiple"
          aria-label={t('rounds.addJudges')}
          placeholder={t('rounds.addJudges')}
          style={{ minWidth: 320 }}
          value={chosen}
          onChange={setChosen}
          options={candidates.map((j) => ({
            value: j.id,
            label: `${j.name}（${j.affiliation ?? j.email}）`,
          }))}
        />
        <Button
          disabled={closed || !candidates.length}
          onClick={() => setChosen(candidates.map((j) => j.id))}
        >
          {t('common.all')}
        </Button>
        <Button
          disabled={!chosen.length || closed}
          loading={busy}
          onClick={() => void onAdd(chosen).then(() => setChosen([]))}
        >
          {t('rounds.addJudges')}
        </Button>
      </div>
      <ErrorAlert error={roster.error} />
      <Space wrap>
        {roundJudges.map((j) => (
          <Tag key={j.judgeId}>
            {j.name}
            {j.affiliation ? ` · ${j.affiliation}` : ''}
          </Tag>
        ))}
      </Space>
    </Card>
  );
}

function AssignCard({
  round,
  judges,
  assignments,
  heatId,
  competitionId,
  act,
  busy,
}: {
  round?: Round;
  judges: RoundJudge[];
  assignments: Assignment[];
  heatId?: string;
  competitionId: string;
  act: (key: string, run: () => Promise<unknown>, done?: string) => Promise<void>;
  busy: string | null;
}) {
  const { t } = useConsoleT();
  const [perProject, setPerProject] = useState(3);
  const [pair, setPair] = useState<{ judgeId?: string; projectId?: string; reason?: string }>({});
  const pool = useLoad(
    () =>
      heatId
        ? http<Page<Project>>(
            'GET',
            `/competitions/${competitionId}/projects?heatId=${heatId}&pageSize=100`,
          ).then((p) =>
            p.items.filter(
              (x) => x.status !== 'DRAFT' && x.status !== 'WITHDRAWN' && x.status !== 'INELIGIBLE',
            ),
          )
        : Promise.resolve([]),
    [heatId, competitionId],
  );
  const rid = round?.id;
  const closed = round?.status === 'CLOSED';
  return (
    <Card title={`${t('rounds.assignments')}（${assignments.length}）`} className="console-section">
      <div className="console-toolbar">
        <label>
          {t('rounds.perProject')}{' '}
          <InputNumber
            aria-label={t('rounds.perProject')}
            min={1}
            max={20}
            value={perProject}
            onChange={(v) => setPerProject(v ?? 1)}
          />
        </label>
        <Button
          type="primary"
          disabled={closed || !judges.length}
          loading={busy === 'auto'}
          onClick={() =>
            void act('auto', () =>
              http('POST', `/rounds/${rid}/assignments`, { judgesPerProject: perProject }),
            )
          }
        >
          {t('rounds.autoAssign')}
        </Button>
      </div>
      <div className="console-toolbar">
        <Select
          aria-label={t('rounds.judge')}
          placeholder={t('rounds.judge')}
          style={{ width: 180 }}
          value={pair.judgeId}
          onChange={(judgeId: string) => setPair({ ...pair, judgeId })}
          options={judges.map((j) => ({ value: j.judgeId, label: j.name }))}
        />
        <Select
          aria-label={t('rounds.project')}
          placeholder={t('rounds.project')}
          style={{ width: 260 }}
          value={pair.projectId}
          onChange={(projectId: string) => setPair({ ...pair, projectId })}
          options={(pool.data ?? []).map((p) => ({ value: p.id, label: p.title }))}
        />
        <Button
          disabled={closed || !pair.judgeId || !pair.projectId}
          loading={busy === 'add'}
          onClick={() =>
            void act('add', () =>
              http('PUT', `/rounds/${rid}/assignments/${pair.projectId}/${pair.judgeId}`),
            )
          }
        >
          {t('rounds.addAssignment')}
        </Button>
        <Input
          aria-label={t('common.reason')}
          placeholder={t('common.reason')}
          style={{ width: 200 }}
          value={pair.reason}
          onChange={(e) => setPair({ ...pair, reason: e.target.value })}
        />
        <Button
          disabled={closed || !pair.judgeId || !pair.projectId || !pair.reason?.trim()}
          loading={busy === 'conflict'}
          onClick={() =>
            void act('conflict', () =>
              http('POST', `/rounds/${rid}/conflicts`, {
                judgeId: pair.judgeId,
                projectId: pair.projectId,
                reason: pair.reason!.trim(),
              }),
            )
          }
        >
          {t('rounds.conflict')}
        </Button>
      </div>
      <Table<Assignment>
        size="small"
        rowKey={(a) => `${a.projectId}:${a.judgeId}`}
        dataSource={assignments}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('rounds.project'), dataIndex: 'title' },
          { title: t('rounds.judge'), dataIndex: 'judgeName' },
          { title: t('common.status'), render: (_, a) => t(`status.${a.scoreStatus}`) },
          {
            title: t('common.actions'),
            render: (_, a) => (
              <Button
                size="small"
                disabled={closed}
                onClick={() =>
                  void act('remove', () =>
                    http('DELETE', `/rounds/${rid}/assignments/${a.projectId}/${a.judgeId}`),
                  )
                }
              >
                {t('common.remove')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ProgressCard({
  progress,
  assignments,
  judges,
  open,
  onRemind,
  busy,
}: {
  progress?: Progress;
  assignments: Assignment[];
  judges: RoundJudge[];
  open: boolean;
  onRemind: () => Promise<void>;
  busy: boolean;
}) {
  const { t } = useConsoleT();
  const perJudge = useMemo(
    () =>
      judges.map((j) => {
        const own = assignments.filter((a) => a.judgeId === j.judgeId);
        return {
          ...j,
          total: own.length,
          submitted: own.filter((a) => a.scoreStatus === 'SUBMITTED').length,
        };
      }),
    [judges, assignments],
  );
  const total = progress?.assignments ?? 0;
  const submitted = progress?.submitted ?? 0;
  return (
    <Card
      title={t('rounds.progress')}
      className="console-section"
      extra={
        <Button disabled={!open} loading={busy} onClick={() => void onRemind()}>
          {t('rounds.remind')}
        </Button>
      }
    >
      <div role="status" data-testid="round-progress">
        {t('rounds.submittedOf', { submitted, total })}
        <Bar percent={total ? Math.round((submitted / total) * 100) : 0} />
      </div>
      <Table
        size="small"
        rowKey="judgeId"
        pagination={false}
        dataSource={perJudge}
        columns={[
          { title: t('rounds.judge'), dataIndex: 'name' },
          {
            title: t('rounds.progress'),
            render: (_, j) => (
              <Bar
                size="small"
                percent={j.total ? Math.round((j.submitted / j.total) * 100) : 0}
                format={() => `${j.submitted}/${j.total}`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function PitchCard({
  roundId,
  initial,
  nowPitching,
}: {
  roundId: string;
  initial: PitchOrder | null;
  nowPitching: string | null;
}) {
  const { t } = useConsoleT();
  const [order, setOrder] = useState<PitchOrder | null>(initial);
  const [onStage, setOnStage] = useState<string | null>(nowPitching);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [redrawing, setRedrawing] = useState(false);
  const [reason, setReason] = useState('');

  async function draw(why?: string) {
    setBusy(true);
    setError(null);
    try {
      setOrder(
        await http<PitchOrder>(
          'POST',
          `/rounds/${roundId}/pitch-order`,
          why ? { reason: why } : {},
        ),
      );
      setRedrawing(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function stage(projectId: string) {
    setError(null);
    try {
      await http('POST', `/rounds/${roundId}/now-pitching`, { projectId });
      setOnStage(projectId);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Card
      title={t('rounds.pitchOrder')}
      className="console-section"
      extra={
        <Button
          type="primary"
          loading={busy}
          onClick={() => (order ? setRedrawing(true) : void draw())}
        >
          {order ? t('rounds.redraw') : t('rounds.draw')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <Table<PitchSlot>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={order?.order ?? []}
        data-testid="pitch-order"
        columns={[
          { title: t('rounds.position'), dataIndex: 'position', width: 80 },
          { title: t('rounds.project'), dataIndex: 'title' },
          { title: t('applications.organisation'), dataIndex: 'organisationName' },
          {
            title: t('rounds.nowPitching'),
            render: (_, s) =>
              onStage === s.projectId ? (
                <Tag color="red">{t('rounds.onStage')}</Tag>
              ) : (
                <Button size="small" onClick={() => void stage(s.projectId)}>
                  {t('rounds.putOnStage')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={redrawing}
        title={t('rounds.redraw')}
        onCancel={() => setRedrawing(false)}
        onOk={() => void draw(reason.trim())}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        <Form layout="vertical">
          <Form.Item label={t('common.reason')} htmlFor="redraw-reason" required>
            <Input id="redraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function RankingCard({ roundId }: { roundId: string }) {
  const { t } = useConsoleT();
  const ranking = useLoad(() => http<Ranking>('GET', `/rounds/${roundId}/ranking`), [roundId]);
  const [error, setError] = useState<unknown>(null);
  return (
    <Card
      title={t('rounds.ranking')}
      extra={
        <Space>
          <Button onClick={() => void ranking.reload()}>{t('common.refresh')}</Button>
          <Button
            onClick={() =>
              void download(`/rounds/${roundId}/ranking.csv`, 'ranking.csv').catch(setError)
            }
          >
            {t('common.export')} CSV
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={ranking.error ?? error} />
      <Table
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={ranking.data?.entries ?? []}
        columns={[
          { title: t('results.rank'), dataIndex: 'rank', width: 70 },
          { title: t('rounds.project'), dataIndex: 'title' },
          { title: t('results.score'), dataIndex: 'score' },
          { title: t('results.judgeCount'), dataIndex: 'judgeCount' },
          { title: t('results.spread'), dataIndex: 'spread' },
        ]}
      />
    </Card>
  );
}
