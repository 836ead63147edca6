import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { auditActionLabel } from './audit-labels';
import { saveFile } from './download';
import { byId, formatTime, useCompetitionId, useConsoleT } from './hooks';
import { useFieldErrors } from './field-errors';

type Project = components['schemas']['ProjectViewDto'];
type ProjectStatus = Project['status'];
type AuditEntry = components['schemas']['AuditEntryDto'];

const STATUSES: ProjectStatus[] = [
  'SUBMITTED',
  'ELIGIBLE',
  'INELIGIBLE',
  'ADVANCED',
  'ELIMINATED',
  'AWARDED',
  'WITHDRAWN',
  'DRAFT',
];
const STATUS_COLOR: Partial<Record<ProjectStatus, string>> = {
  SUBMITTED: 'blue',
  ELIGIBLE: 'green',
  INELIGIBLE: 'red',
  ADVANCED: 'gold',
  AWARDED: 'purple',
};

interface Filters {
  status?: ProjectStatus;
  heatId?: string;
  trackCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export type Decision = 'ELIGIBLE' | 'INELIGIBLE';

export default function ApplicationsPage() {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const competition = $api.useQuery('get', '/api/v1/competitions/{id}', byId(cid));
  const heats = $api.useQuery('get', '/api/v1/competitions/{id}/heats', byId(cid));
  const heatList = heats.data?.items ?? [];
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const list = $api.useQuery(
    'get',
    '/api/v1/competitions/{id}/projects',
    { params: { path: { id: cid }, query: filters } },
    { placeholderData: (previous) => previous },
  );
  const files = useAction({ changes: false });
  const fileInit = { ...byId(cid), parseAs: 'blob' as const };
  const [selected, setSelected] = useState<string[]>([]);
  const [deciding, setDeciding] = useState<Project[] | null>(null);
  const [viewing, setViewing] = useState<Project | null>(null);
  const [releasing, setReleasing] = useState(false);
  const heatName = (id: string) => heatList.find((h) => h.id === id)?.name ?? '';
  const trackName = (code: string) =>
    competition.data?.tracks.find((x) => x.code === code)?.name ?? code;
  const rows = list.data?.items ?? [];

  return (
    <>
      <h1>{t('applications.title')}</h1>
      <div className="console-toolbar">
        <Select
          allowClear
          aria-label={t('common.status')}
          placeholder={t('common.status')}
          style={{ width: 140 }}
          value={filters.status}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(status?: ProjectStatus) => setFilters({ ...filters, status, page: 1 })}
        />
        <Select
          allowClear
          aria-label={t('applications.heat')}
          placeholder={t('applications.heat')}
          style={{ width: 160 }}
          value={filters.heatId}
          options={heatList.map((h) => ({ value: h.id, label: h.name }))}
          onChange={(heatId?: string) => setFilters({ ...filters, heatId, page: 1 })}
        />
        <Select
          allowClear
          aria-label={t('applications.track')}
          placeholder={t('applications.track')}
          style={{ width: 160 }}
          value={filters.trackCode}
          options={(competition.data?.tracks ?? []).map((x) => ({ value: x.code, label: x.name }))}
          onChange={(trackCode?: string) => setFilters({ ...filters, trackCode, page: 1 })}
        />
        <Input.Search
          aria-label={t('applications.searchLabel')}
          placeholder={t('applications.search')}
          style={{ width: 280 }}
          value={search}
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined, page: 1 })}
        />
      </div>
      <div className="console-toolbar">
        <span>{t('applications.selected', { count: selected.length })}</span>
        <Button
          type="primary"
          disabled={!selected.length}
          onClick={() => setDeciding(rows.filter((p) => selected.includes(p.id)))}
        >
          {t('applications.decide')}
        </Button>
        <Button onClick={() => setReleasing(true)}>{t('applications.release')}</Button>
        <Button
          loading={files.busy === 'xlsx'}
          onClick={() =>
            void files.run('xlsx', () =>
              saveFile(
                api.GET('/api/v1/competitions/{id}/projects.xlsx', fileInit),
                'projects.xlsx',
              ),
            )
          }
        >
          {t('applications.exportXlsx')}
        </Button>
        <Button
          loading={files.busy === 'csv'}
          onClick={() =>
            void files.run('csv', () =>
              saveFile(api.GET('/api/v1/competitions/{id}/projects.csv', fileInit), 'projects.csv'),
            )
          }
        >
          {t('applications.exportCsv')}
        </Button>
      </div>
      <ErrorAlert error={list.error ?? files.error} />
      <Table<Project>
        rowKey="id"
        loading={list.isFetching}
        dataSource={rows}
        scroll={{ x: 900 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
        }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
        columns={[
          {
            title: t('applications.projectTitle'),
            dataIndex: 'title',
            render: (title: string, p) => (
              <Button type="link" onClick={() => setViewing(p)} style={{ padding: 0 }}>
                {title}
              </Button>
            ),
          },
          { title: t('applications.organisation'), dataIndex: 'organisationName' },
          { title: t('applications.heat'), render: (_, p) => heatName(p.heatId) },
          { title: t('applications.track'), render: (_, p) => trackName(p.trackCode) },
          {
            title: t('common.status'),
            render: (_, p) => <Tag color={STATUS_COLOR[p.status]}>{t(`status.${p.status}`)}</Tag>,
          },
          {
            // Eligibility hints from the form's rules: flags for the reviewer, not decisions.
            title: t('applications.flags'),
            render: (_, p) =>
              (p.flags ?? []).map((f) => (
                <Tooltip key={f.rule} title={i18n.language === 'en' ? f.reason.en : f.reason.zh}>
                  <Tag color="orange">{i18n.language === 'en' ? f.label.en : f.label.zh}</Tag>
                </Tooltip>
              )),
          },
          { title: t('common.reason'), dataIndex: 'reviewReason' },
          { title: t('applications.submittedAt'), render: (_, p) => formatTime(p.submittedAt) },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Button size="small" onClick={() => setDeciding([p])}>
                {t('applications.decide')}
              </Button>
            ),
          },
        ]}
      />
      {deciding && (
        <DecideModal
          projects={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            setSelected([]);
          }}
        />
      )}
      {viewing && (
        <ProjectDrawer
          project={viewing}
          heat={heatName(viewing.heatId)}
          track={trackName(viewing.trackCode)}
          onClose={() => setViewing(null)}
        />
      )}
      {releasing && <ReleaseModal onClose={() => setReleasing(false)} />}
    </>
  );
}

/** Single or bulk eligibility: one all-or-nothing request, nobody mailed until the release. */
function DecideModal({
  projects,
  onClose,
  onDone,
}: {
  projects: Project[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: Decision; reason?: string }>();
  const decision = Form.useWatch('decision', form);
  const action = useAction();
  useFieldErrors(form, action.error);

  async function submit() {
    const v = await form.validateFields();
    const reason = v.reason?.trim() || undefined;
    // All or nothing, one audited decision per project.
    const done = await action.run('decide', () =>
      call(
        api.POST('/api/v1/competitions/{id}/eligibility', {
          ...byId(cid),
          body: {
            items: projects.map((p) => ({ projectId: p.id, decision: v.decision, reason })),
          },
        }),
      ),
    );
    if (!done) return;
    void message.success(t('applications.reviewed', { count: projects.length }));
    onDone();
  }

  const running = !!action.busy;
  return (
    <Modal
      open
      title={
        projects.length === 1
          ? projects[0].title
          : t('applications.bulkTitle', { count: projects.length })
      }
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={running}
    >
      <Form name="decide" form={form} layout="vertical" initialValues={{ decision: 'ELIGIBLE' }}>
        <Form.Item name="decision" label={t('applications.decision')}>
          <Radio.Group>
            <Radio value="ELIGIBLE">{t('applications.eligible')}</Radio>
            <Radio value="INELIGIBLE">{t('applications.ineligible')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={[{ required: decision === 'INELIGIBLE', message: t('common.reasonRequired') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      {running && (
        <div role="status">
          {t('applications.reviewing', { done: 0, total: projects.length })}
          <Progress percent={0} status="active" />
        </div>
      )}
      <ErrorAlert error={action.error} />
    </Modal>
  );
}

function ReleaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useConsoleT();
  const cid = useCompetitionId();
  const preview = $api.useQuery(
    'get',
    '/api/v1/competitions/{id}/eligibility/release/preview',
    byId(cid),
  );
  const action = useAction();
  const [result, setResult] = useState<number | null>(null);
  const recipients = preview.data?.recipients ?? [];

  async function release() {
    const done = await action.run('release', () =>
      call(api.POST('/api/v1/competitions/{id}/eligibility/release', byId(cid))),
    );
    if (done) setResult(recipients.length);
  }

  return (
    <Modal
      open
      title={t('applications.release')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={!!action.busy}
            disabled={!recipients.length || result !== null}
            onClick={() => void release()}
          >
            {t('applications.release')}
          </Button>
        </Space>
      }
    >
      {
        <>
          <ErrorAlert error={preview.error} />
          <h4>{t('applications.releasePreview')}</h4>
          <Table
            size="small"
            rowKey="ownerId"
            loading={preview.isLoading}
            pagination={false}
            dataSource={recipients}
            locale={{ emptyText: t('applications.releaseNone') }}
            columns={[
              { title: t('judges.email'), dataIndex: 'email' },
              { title: t('log.type'), render: (_, r) => t(`applications.mail.${r.mail}`) },
              {
                title: t('applications.projectTitle'),
                render: (_, r) =>
                  r.items.map((i) => `${i.title}（${t(`status.${i.decision}`)}）`).join('、'),
              },
            ]}
          />
        </>
      }
      {result !== null && <p role="status">{t('applications.released', { count: result })}</p>}
      <ErrorAlert error={action.error} />
    </Modal>
  );
}

function ProjectDrawer({
  project: p,
  heat,
  track,
  onClose,
}: {
  project: Project;
  heat: string;
  track: string;
  onClose: () => void;
}) {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const audit = $api.useQuery('get', '/api/v1/competitions/{id}/audit', {
    params: { path: { id: cid }, query: { entityId: p.id } },
  });
  return (
    <Drawer open width={640} title={p.title} onClose={onClose}>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('common.status')}>{t(`status.${p.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('applications.organisation')}>
          {/* Always present for organisers; only a judge's blind view omits it. */}
          {p.organisation?.name ?? p.organisationName}
          {p.organisation?.city ? ` · ${p.organisation.city}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.heat')}>{heat}</Descriptions.Item>
        <Descriptions.Item label={t('applications.track')}>{track}</Descriptions.Item>
        <Descriptions.Item label={t('applications.summary')}>{p.summary}</Descriptions.Item>
        <Descriptions.Item label={t('applications.team')}>
          {(p.team ?? [])
            .map((m) => `${m.name}（${m.role}）${m.email ? ` ${m.email}` : ''}`)
            .join('；')}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.fundingStage')}>
          {p.fundingStage ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.pitchDeck')}>
          {p.pitchDeckUrl ? (
            <a href={p.pitchDeckUrl} target="_blank" rel="noreferrer">
              {p.pitchDeckUrl}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.reviewReason')}>
          {p.reviewReason ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.submittedAt')}>
          {formatTime(p.submittedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('applications.audit')} style={{ marginTop: 16 }}>
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={audit.data?.items ?? []}
          columns={[
            { title: t('log.at'), render: (_, a) => formatTime(a.at) },
            { title: t('log.actor'), render: (_, a) => a.actorName ?? t('log.system') },
            {
              title: t('log.action'),
              render: (_, a) => (
                <span title={a.action}>{auditActionLabel(a.action, i18n.language)}</span>
              ),
            },
            { title: t('common.reason'), dataIndex: 'reason' },
          ]}
        />
      </Card>
    </Drawer>
  );
}
