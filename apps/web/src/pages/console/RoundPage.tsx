import {
  App,
  Button,
  Card,
  Descriptions,
  InputNumber,
  Input,
  Progress as Bar,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { useJudgeList } from './judges/list';
import { byId, useCompetitionId, useConsoleT } from './hooks';
import { ROUND_COLOR } from './RoundsPage';
import { CloseRoundDialog } from './round/CloseRoundDialog';
import { LiveCard } from './round/LiveCard';
import { PresenceCard } from './round/PresenceCard';
import { SignOffCard } from './round/SignOffCard';
import { JudgePassesCard } from './round/JudgePassesCard';
import { PitchCard } from './round/PitchCard';
import { RankingCard } from './round/RankingCard';
import { ReopenScoreDialog } from './round/ReopenScoreDialog';
import { ScreenTicketsCard } from './round/ScreenTicketsCard';
import { ExpertDrawCard } from './round/ExpertDrawCard';
import { BiasCard } from './round/BiasCard';
import { DoubleMarkingCard } from './round/DoubleMarkingCard';
import { MeetingLinksCard } from './round/MeetingLinksCard';
import { RoomsCard } from './round/RoomsCard';
import { RoomStageSelect } from './round/RoomStageSelect';
import type { Assignment, Progress, Project, Round, RoundJudge } from './round/types';
import { useRoundData } from './round/useRoundData';

type Act = (key: string, run: () => Promise<unknown>) => Promise<unknown>;

export default function RoundPage() {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const rid = useParams().rid!;
  const { message } = App.useApp();
  const { round, judges, assignments, progress, projects } = useRoundData(cid, rid);
  const r = round.data;
  const timeZone = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid)).data?.timeZone;
  const action = useAction();
  const act: Act = (key, run) => action.run(key, run);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState<Assignment | null>(null);
  // 分会场: the room whose stage the now-pitching and timer controls drive.
  const rooms = $api.useQuery('get', '/api/v1/rounds/{id}/rooms', byId(rid), {
    enabled: r?.kind === 'ROADSHOW',
  });
  const [stageRoomId, setStageRoomId] = useState('');
  const stageRoom = rooms.data?.rooms.find((x) => x.id === stageRoomId) ?? null;
  const onStageId = stageRoom ? stageRoom.nowPitchingProjectId : r?.nowPitchingProjectId;
  // Issuing a link adds a row to the 大屏链接 list: a change like any other.
  const screen = useAction();

  async function openScreen() {
    // The window opens now (inside the click) so no pop-up blocker stops it.
    const tab = window.open('', '_blank');
    const ticket = await screen.run('screen', () =>
      call(api.POST('/api/v1/rounds/{id}/ranking/stream-ticket', byId(rid))),
    );
    if (!ticket) return void tab?.close();
    if (tab) tab.location.href = ticket.screenPath;
    else window.location.assign(ticket.screenPath);
  }

  const assignmentRows = assignments.data?.items ?? [];
  const roundJudges = judges.data?.items ?? [];
  const missing = (progress.data?.assignments ?? 0) - (progress.data?.submitted ?? 0);
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
          <Descriptions.Item label={t('rounds.materials')} span={3}>
            <Space direction="vertical" size={4}>
              <Space>
                {/* Enforced by the api: a judge's download answers 403 FILE_VIEW_ONLY. */}
                <Switch
                  id="materials-view-only"
                  checked={r.materialsViewOnly}
                  loading={action.busy === 'viewOnly'}
                  disabled={r.status === 'CLOSED'}
                  onChange={(checked) =>
                    void act('viewOnly', async () => {
                      await call(
                        api.PATCH('/api/v1/rounds/{id}', {
                          ...byId(rid),
                          body: { materialsViewOnly: checked },
                        }),
                      );
                      void message.success(t('rounds.materialsSaved'));
                    })
                  }
                />
                <label htmlFor="materials-view-only">{t('rounds.materialsViewOnly')}</label>
              </Space>
              <span className="muted">{t('rounds.materialsViewOnlyHint')}</span>
              {r.blind && <Tag>{t('rounds.blindReview')}</Tag>}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      )}
      <div className="console-toolbar">
        <Button
          type="primary"
          disabled={r?.status !== 'DRAFT'}
          loading={action.busy === 'open'}
          onClick={() =>
            void act('open', () => call(api.POST('/api/v1/rounds/{id}/open', byId(rid))))
          }
        >
          {t('rounds.open')}
        </Button>
        <Button danger disabled={r?.status !== 'OPEN'} onClick={() => setClosing(true)}>
          {t('rounds.close')}
        </Button>
        <Button loading={!!screen.busy} onClick={() => void openScreen()}>
          {t('rounds.bigScreen')}
        </Button>
      </div>
      <ErrorAlert error={action.error ?? screen.error} />
      {closing && (
        <CloseRoundDialog
          roundId={rid}
          assignments={assignmentRows}
          missing={missing}
          onClose={() => setClosing(false)}
        />
      )}
      {reopening && (
        <ReopenScoreDialog roundId={rid} score={reopening} onClose={() => setReopening(null)} />
      )}
      <ExpertDrawCard roundId={rid} timeZone={timeZone} />
      <JudgesCard
        roundJudges={roundJudges}
        closed={r?.status === 'CLOSED'}
        onAdd={(ids) =>
          act('judges', () =>
            call(api.POST('/api/v1/rounds/{id}/judges', { ...byId(rid), body: { judgeIds: ids } })),
          )
        }
        busy={action.busy === 'judges'}
      />
      <AssignCard
        round={r}
        judges={roundJudges}
        assignments={assignmentRows}
        pool={(projects.data?.items ?? []).filter(
          (x) => x.status !== 'DRAFT' && x.status !== 'WITHDRAWN' && x.status !== 'INELIGIBLE',
        )}
        act={act}
        busy={action.busy}
        onReopen={setReopening}
      />
      <ProgressCard
        progress={progress.data}
        assignments={assignmentRows}
        judges={roundJudges}
        open={r?.status === 'OPEN'}
        onRemind={() =>
          act('remind', async () => {
            const res = await call(api.POST('/api/v1/rounds/{id}/remind', byId(rid)));
            void message.success(t('rounds.reminded', { count: res.remindedJudges }));
          })
        }
        busy={action.busy === 'remind'}
      />
      {r?.kind === 'ROADSHOW' && (
        <RoomsCard round={r} judges={roundJudges} assignments={assignmentRows} />
      )}
      {r?.kind === 'ROADSHOW' && <MeetingLinksCard round={r} assignments={assignmentRows} />}
      {r?.kind === 'ROADSHOW' && <PresenceCard round={r} />}
      {r?.kind === 'ROADSHOW' && <JudgePassesCard round={r} timeZone={timeZone} />}
      {r?.kind === 'ROADSHOW' && (
        <RoomStageSelect
          rooms={rooms.data?.rooms ?? []}
          value={stageRoom?.id ?? ''}
          onChange={setStageRoomId}
        />
      )}
      {r?.kind === 'ROADSHOW' && (
        <PitchCard
          round={r}
          projects={projects.data?.items ?? []}
          timeZone={timeZone}
          room={stageRoom}
        />
      )}
      {r?.kind === 'ROADSHOW' && (
        <LiveCard
          round={r}
          room={stageRoom}
          onStageTitle={(projects.data?.items ?? []).find((p) => p.id === onStageId)?.title ?? null}
        />
      )}
      {r?.kind === 'ROADSHOW' && r.status !== 'DRAFT' && (
        <SignOffCard
          roundId={rid}
          open={r.status === 'OPEN'}
          timeZone={timeZone ?? 'Asia/Shanghai'}
        />
      )}
      <ScreenTicketsCard roundId={rid} timeZone={timeZone} />
      {r?.kind === 'EXPERT_REVIEW' && (
        <DoubleMarkingCard roundId={rid} draft={r.status === 'DRAFT'} judges={roundJudges} />
      )}
      <RankingCard roundId={rid} />
      <BiasCard roundId={rid} />
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
  onAdd: (ids: string[]) => Promise<unknown>;
  busy: boolean;
}) {
  const { t } = useConsoleT();
  const roster = useJudgeList();
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
  pool,
  act,
  busy,
  onReopen,
}: {
  round?: Round;
  judges: RoundJudge[];
  assignments: Assignment[];
  pool: Project[];
  act: Act;
  busy?: string;
  onReopen: (score: Assignment) => void;
}) {
  const { t } = useConsoleT();
  const [perProject, setPerProject] = useState(3);
  const [pair, setPair] = useState<{ judgeId?: string; projectId?: string; reason?: string }>({});
  const rid = round?.id ?? '';
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
              call(
                api.POST('/api/v1/rounds/{id}/assignments', {
                  ...byId(rid),
                  body: { judgesPerProject: perProject },
                }),
              ),
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
          options={pool.map((p) => ({ value: p.id, label: p.title }))}
        />
        <Button
          disabled={closed || !pair.judgeId || !pair.projectId}
          loading={busy === 'add'}
          onClick={() =>
            void act('add', () =>
              call(
                api.PUT('/api/v1/rounds/{id}/assignments/{projectId}/{judgeId}', {
                  params: { path: { id: rid, projectId: pair.projectId!, judgeId: pair.judgeId! } },
                }),
              ),
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
              call(
                api.POST('/api/v1/rounds/{id}/conflicts', {
                  ...byId(rid),
                  body: {
                    judgeId: pair.judgeId!,
                    projectId: pair.projectId!,
                    reason: pair.reason!.trim(),
                  },
                }),
              ),
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
              <Space size={4}>
                <Button
                  size="small"
                  disabled={closed}
                  onClick={() =>
                    void act('remove', () =>
                      call(
                        api.DELETE('/api/v1/rounds/{id}/assignments/{projectId}/{judgeId}', {
                          params: { path: { id: rid, projectId: a.projectId, judgeId: a.judgeId } },
                        }),
                      ),
                    )
                  }
                >
                  {t('common.remove')}
                </Button>
                {a.scoreStatus === 'SUBMITTED' && (
                  <Button
                    size="small"
                    disabled={closed}
                    aria-label={`${t('rounds.reopen')} ${a.judgeName} ${a.title}`}
                    onClick={() => onReopen(a)}
                  >
                    {t('rounds.reopen')}
                  </Button>
                )}
              </Space>
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
  onRemind: () => Promise<unknown>;
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
