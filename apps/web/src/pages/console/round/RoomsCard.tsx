import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';
import type { Assignment, Round, RoundJudge } from './types';
import './rooms-i18n';

type Rule = 'QUOTA' | 'NORMALISED';
type RoomInput = components['schemas']['RoomInputDto'];
type Combined = components['schemas']['CombinedEntryDto'];
type Plan = components['schemas']['RoomsDto'];
interface Draft {
  rule: Rule;
  advance: number | null;
  rooms: RoomInput[];
}

const emptyRoom = (n: number): RoomInput => ({
  name: `第${'一二三四五六七八九十'[n] ?? n + 1}分会场`,
  judgeIds: [],
  projectIds: [],
  quota: 1,
});

// The form from the stored rooms, or two empty rooms to start from.
const formOf = (plan: Plan): Draft => ({
  rule: plan.rule ?? 'QUOTA',
  advance: plan.advance,
  rooms: plan.rooms.length
    ? plan.rooms.map((r) => ({
        name: r.name,
        judgeIds: r.judges.map((j) => j.id),
        projectIds: r.projects.map((p) => p.id),
        quota: r.quota ?? 1,
      }))
    : [emptyRoom(0), emptyRoom(1)],
});

/**
 * 分会场 on the console's round page: define the rooms (name, judges,
 * projects, quota) and the rule combining them while the round is a draft
 * (the server refuses a normalised rule across rooms with no judge in
 * common, naming the separate groups: shown as the translated sentence);
 * each room's order and screen path; and, once the round runs, the combined
 * result the heat's advancement follows.
 */
export function RoomsCard({
  round,
  judges,
  assignments,
}: {
  round: Round;
  judges: RoundJudge[];
  assignments: Assignment[];
}) {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const rid = round.id;
  const draft = round.status === 'DRAFT';
  const stored = $api.useQuery('get', '/api/v1/rounds/{id}/rooms', byId(rid));
  const plan = stored.data;
  const hasRooms = !!plan?.rooms.length;
  const result = $api.useQuery('get', '/api/v1/rounds/{id}/rooms/result', byId(rid), {
    enabled: hasRooms && !draft,
    refetchInterval: round.status === 'OPEN' ? 10_000 : false,
  });
  const action = useAction();
  const [form, setForm] = useState<Draft | null>(null);

  // The form starts from the stored rooms (or one empty room) once they arrive.
  useEffect(() => {
    if (plan && !form) setForm(formOf(plan));
  }, [plan, form]);

  // The round's projects: those with a judge assigned (the server's round_projects).
  const projects = useMemo(() => {
    const seen = new Map<string, string>();
    for (const a of assignments) if (!seen.has(a.projectId)) seen.set(a.projectId, a.title);
    return [...seen].map(([id, title]) => ({ id, title }));
  }, [assignments]);

  if (round.kind !== 'ROADSHOW' || !plan) return null;

  const setRoom = (i: number, patch: Partial<RoomInput>) =>
    form &&
    setForm({ ...form, rooms: form.rooms.map((r, k) => (k === i ? { ...r, ...patch } : r)) });

  const save = async (clear = false) => {
    if (!form) return;
    const body = clear
      ? { rule: form.rule, rooms: [] }
      : {
          rule: form.rule,
          ...(form.rule === 'NORMALISED' && form.advance ? { advance: form.advance } : {}),
          rooms: form.rooms.map((r) => ({
            name: r.name.trim(),
            judgeIds: r.judgeIds,
            projectIds: r.projectIds,
            ...(form.rule === 'QUOTA' && r.quota != null ? { quota: r.quota } : {}),
          })),
        };
    const done = await action.run('rooms', () =>
      call(api.PUT('/api/v1/rounds/{id}/rooms', { ...byId(rid), body })),
    );
    if (done) {
      void message.success(t('roomsCard.saved'));
      setForm(formOf(done)); // as the server stored them
    }
  };

  const placed = new Set(form?.rooms.flatMap((r) => r.projectIds) ?? []);
  const unplaced = projects.filter((p) => !placed.has(p.id));
  const normalised = plan.rule === 'NORMALISED';

  return (
    <Card title={t('roomsCard.title')} className="console-section" data-testid="rooms-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        <span className="muted">{t('roomsCard.hint')}</span>
        {draft && form && (
          <div data-testid="rooms-form">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <span id="rooms-rule-label">{t('roomsCard.rule')}</span>
                <Radio.Group
                  aria-labelledby="rooms-rule-label"
                  value={form.rule}
                  onChange={(e) => setForm({ ...form, rule: e.target.value as Rule })}
                >
                  <Radio value="QUOTA">{t('roomsCard.rules.QUOTA')}</Radio>
                  <Radio value="NORMALISED">{t('roomsCard.rules.NORMALISED')}</Radio>
                </Radio.Group>
                {form.rule === 'NORMALISED' && (
                  <label>
                    {t('roomsCard.advance')}{' '}
                    <InputNumber
                      aria-label={t('roomsCard.advance')}
                      min={1}
                      max={10000}
                      value={form.advance}
                      onChange={(v) => setForm({ ...form, advance: v })}
                    />
                  </label>
                )}
              </Space>
              {form.rooms.map((room, i) => (
                <fieldset key={i} className="rooms-room" data-testid={`room-${i}`}>
                  <legend>{t('roomsCard.room', { n: i + 1 })}</legend>
                  <Space wrap align="start">
                    <label>
                      {t('roomsCard.name')}{' '}
                      <Input
                        aria-label={`${t('roomsCard.room', { n: i + 1 })} ${t('roomsCard.name')}`}
                        style={{ width: 160 }}
                        maxLength={100}
                        value={room.name}
                        onChange={(e) => setRoom(i, { name: e.target.value })}
                      />
                    </label>
                    <Select
                      mode="multiple"
                      aria-label={`${t('roomsCard.room', { n: i + 1 })} ${t('roomsCard.judges')}`}
                      placeholder={t('roomsCard.judges')}
                      style={{ minWidth: 220 }}
                      value={room.judgeIds}
                      onChange={(judgeIds: string[]) => setRoom(i, { judgeIds })}
                      optionFilterProp="label"
                      options={judges.map((j) => ({ value: j.judgeId, label: j.name }))}
                    />
                    <Select
                      mode="multiple"
                      aria-label={`${t('roomsCard.room', { n: i + 1 })} ${t('roomsCard.projects')}`}
                      placeholder={t('roomsCard.projects')}
                      style={{ minWidth: 280 }}
                      value={room.projectIds}
                      onChange={(projectIds: string[]) => setRoom(i, { projectIds })}
                      optionFilterProp="label"
                      // A project pitches in one room: those placed elsewhere are not offered.
                      options={projects
                        .filter((p) => room.projectIds.includes(p.id) || !placed.has(p.id))
                        .map((p) => ({ value: p.id, label: p.title }))}
                    />
                    {form.rule === 'QUOTA' && (
                      <label>
                        {t('roomsCard.quota')}{' '}
                        <InputNumber
                          aria-label={`${t('roomsCard.room', { n: i + 1 })} ${t('roomsCard.quota')}`}
                          min={0}
                          max={1000}
                          value={room.quota}
                          onChange={(v) => setRoom(i, { quota: v ?? undefined })}
                        />
                      </label>
                    )}
                    <Button
                      danger
                      disabled={form.rooms.length <= 1}
                      onClick={() =>
                        setForm({ ...form, rooms: form.rooms.filter((_, k) => k !== i) })
                      }
                    >
                      {t('roomsCard.removeRoom')}
                    </Button>
                  </Space>
                </fieldset>
              ))}
              {unplaced.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  message={t('roomsCard.unplaced', {
                    titles: unplaced.map((p) => p.title).join('、'),
                  })}
                />
              )}
              <Space wrap>
                <Button
                  onClick={() =>
                    setForm({ ...form, rooms: [...form.rooms, emptyRoom(form.rooms.length)] })
                  }
                  disabled={form.rooms.length >= 50}
                >
                  {t('roomsCard.addRoom')}
                </Button>
                <Button
                  type="primary"
                  loading={action.busy === 'rooms'}
                  onClick={() => void save()}
                >
                  {t('roomsCard.save')}
                </Button>
                {hasRooms && (
                  <Button onClick={() => void save(true)}>{t('roomsCard.clear')}</Button>
                )}
              </Space>
              <ErrorAlert error={action.error} />
            </Space>
          </div>
        )}
        {!draft && !hasRooms && <span>{t('roomsCard.none')}</span>}
        {!draft && hasRooms && <Alert type="info" message={t('roomsCard.locked')} />}
        {hasRooms && (
          <>
            <div>
              {t('roomsCard.rule')}：<Tag color="blue">{t(`roomsCard.rules.${plan.rule!}`)}</Tag>
              {normalised && plan.advance != null && (
                <Tag>{`${t('roomsCard.advance')} ${plan.advance}`}</Tag>
              )}
            </div>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={plan.rooms}
              data-testid="rooms-table"
              columns={[
                { title: t('roomsCard.name'), dataIndex: 'name' },
                {
                  title: t('roomsCard.judges'),
                  render: (_, r) => r.judges.map((j) => j.name).join('、'),
                },
                {
                  title: `${t('roomsCard.projects')}（${t('roomsCard.order')}）`,
                  render: (_, r) => (
                    <ol className="rooms-order">
                      {r.projects.map((p) => (
                        <li key={p.id}>{p.name}</li>
                      ))}
                    </ol>
                  ),
                },
                ...(normalised
                  ? []
                  : [
                      {
                        title: t('roomsCard.quota'),
                        render: (_: unknown, r: (typeof plan.rooms)[number]) => r.quota ?? '',
                      },
                    ]),
                {
                  title: t('roomsCard.screen'),
                  render: (_, r) => <code className="rooms-screen">{r.screenPath}</code>,
                },
              ]}
            />
          </>
        )}
        {hasRooms && !draft && (
          <ResultTable
            entries={result.data?.entries ?? []}
            normalised={normalised}
            rooms={plan.rooms.map((r) => r.name)}
          />
        )}
        <ErrorAlert error={stored.error ?? result.error} />
      </Space>
    </Card>
  );
}

function ResultTable({
  entries,
  normalised,
  rooms,
}: {
  entries: Combined[];
  normalised: boolean;
  rooms: string[];
}) {
  const { t } = useConsoleT();
  // By room (in the plan's order), then rank (QUOTA); by rank over the round (NORMALISED).
  const rows = [...entries].sort(
    (a, b) =>
      (normalised ? 0 : rooms.indexOf(a.room) - rooms.indexOf(b.room)) ||
      (a.rank ?? 1e9) - (b.rank ?? 1e9),
  );
  return (
    <Table<Combined>
      size="small"
      rowKey="projectId"
      pagination={false}
      data-testid="rooms-result"
      title={() => (
        <>
          <strong>{t('roomsCard.result')}</strong>{' '}
          <span className="muted">{t('roomsCard.resultHint')}</span>
        </>
      )}
      dataSource={rows}
      columns={[
        { title: t('roomsCard.name'), dataIndex: 'room' },
        { title: t('roomsCard.projects'), dataIndex: 'title' },
        { title: t('roomsCard.score'), render: (_, e) => e.score?.toFixed(2) ?? '—' },
        ...(normalised
          ? [
              {
                title: t('roomsCard.normalised'),
                render: (_: unknown, e: Combined) => e.normalised?.toFixed(4) ?? '—',
              },
            ]
          : []),
        { title: t('roomsCard.rank'), render: (_, e) => e.rank ?? '—' },
        {
          title: t('roomsCard.advances'),
          render: (_, e) =>
            e.advances ? (
              <Tag color="green">{t('roomsCard.yes')}</Tag>
            ) : (
              <Tag>{t('roomsCard.no')}</Tag>
            ),
        },
      ]}
    />
  );
}
