import { Alert, App, Button, Card, Form, Input, Progress, Space, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { useCapability } from './capabilities';
import { http } from './http';
import { formatTime, useCompetitionId, useConsoleT, useInterval, useLoad } from './hooks';
import type { ImportJob, ImportPreview, ImportProblem, JudgeUser } from './types';
import { judgeList } from './judges';

export default function JudgesPage() {
  const { t } = useConsoleT();
  const judges = useLoad(() => judgeList(), []);
  const [imports, setImports] = useState<ImportJob[]>([]);
  const reload = () => judges.reload();
  return (
    <>
      <h1>{t('judges.title')}</h1>
      <ImportCard
        onImported={(job) => {
          setImports((list) => [job, ...list.filter((j) => j.id !== job.id)]);
          void reload();
        }}
      />
      <Card title={t('judges.title')} className="console-section">
        <ErrorAlert error={judges.error} />
        <Table<JudgeUser>
          rowKey="id"
          size="small"
          loading={judges.loading}
          dataSource={judges.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('judges.email'), dataIndex: 'email' },
            { title: t('judges.affiliation'), dataIndex: 'affiliation' },
            // Shown once the API reports whether the invitation was accepted.
            ...(judges.data?.some((j) => j.passwordSet !== undefined)
              ? [
                  {
                    title: t('judges.invitation'),
                    render: (_: unknown, j: JudgeUser) => (
                      <Tag color={j.passwordSet ? 'green' : 'gold'}>
                        {j.passwordSet ? t('judges.accepted') : t('judges.invited')}
                      </Tag>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('judges.imports')} className="console-section">
        <Table<ImportJob>
          rowKey="id"
          size="small"
          dataSource={imports}
          pagination={false}
          columns={[
            { title: t('log.at'), render: (_, j) => formatTime(j.createdAt) },
            { title: t('judges.file'), dataIndex: 'fileName' },
            { title: t('common.status'), render: (_, j) => <Tag>{t(`status.${j.status}`)}</Tag> },
            {
              title: t('judges.invitation'),
              render: (_, j) =>
                t('judges.importDone', { created: j.created, added: j.added, updated: j.updated }),
            },
          ]}
        />
      </Card>
      <AddJudgeCard onAdded={() => void reload()} />
      <Card title={t('judges.conflicts')}>
        <p>{t('judges.conflictsHint')}</p>
      </Card>
    </>
  );
}

/** Check (dry run), then import; the import runs in the background and is polled for progress. */
function ImportCard({ onImported }: { onImported: (job: ImportJob) => void }) {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const file = files[0]?.originFileObj;
  const running = !!job && (job.status === 'PENDING' || job.status === 'RUNNING');
  const offered = useCapability('post', '/api/v1/competitions/{id}/imports/judges');

  useInterval(
    () => {
      if (!job) return;
      void http<ImportJob>('GET', `/imports/${job.id}`)
        .then((next) => {
          setJob(next);
          if (next.status === 'COMPLETED' || next.status === 'FAILED') {
            setProblems(next.errors);
            onImported(next);
          }
        })
        .catch(setError);
    },
    700,
    running,
  );

  async function send(dryRun: boolean) {
    if (!file) return;
    const body = new FormData();
    body.append('file', file, file.name);
    setBusy(true);
    setError(null);
    try {
      if (dryRun) {
        const report = await http<ImportPreview>(
          'POST',
          `/competitions/${cid}/imports/judges?dryRun=true`,
          body,
        );
        setPreview(report);
        setProblems(report.problems);
        setJob(null);
      } else {
        setJob(await http<ImportJob>('POST', `/competitions/${cid}/imports/judges`, body));
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const zh = i18n.language !== 'en';
  return (
    <Card title={t('judges.import')} className="console-section">
      <p>{t('judges.importHint')}</p>
      {offered === false && (
        <p>{t('common.notAvailable', { what: 'POST /competitions/:id/imports/judges' })}</p>
      )}
      <Space wrap>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFiles(fileList);
            setPreview(null);
            setProblems([]);
            setJob(null);
          }}
        >
          <Button aria-label={t('judges.file')}>{t('judges.file')}</Button>
        </Upload>
        <Button
          disabled={!file || !offered}
          loading={busy && !preview}
          onClick={() => void send(true)}
        >
          {t('judges.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!file || !preview || preview.problems.length > 0 || running || !!job}
          loading={busy || running}
          onClick={() => void send(false)}
        >
          {t('judges.runImport')}
        </Button>
      </Space>
      <ErrorAlert error={error} />
      {preview && !job && (
        <Alert
          style={{ marginTop: 12 }}
          type={preview.problems.length ? 'warning' : 'success'}
          message={
            preview.problems.length
              ? t('judges.problems', { count: preview.problems.length })
              : t('judges.noProblems', { total: preview.total })
          }
        />
      )}
      {job && (
        <div role="status" style={{ marginTop: 12 }} data-testid="import-progress">
          {t('judges.progress')} · {t(`status.${job.status}`)}
          <Progress
            percent={job.total ? Math.round((job.processed / job.total) * 100) : 0}
            status={job.status === 'FAILED' ? 'exception' : undefined}
          />
          {job.status === 'COMPLETED' && (
            <span>
              {t('judges.importDone', {
                created: job.created,
                added: job.added,
                updated: job.updated,
              })}
            </span>
          )}
        </div>
      )}
      {problems.length > 0 && (
        <Table<ImportProblem>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(p) => `${p.row}-${p.column}-${p.field}-${p.message}`}
          pagination={false}
          dataSource={problems}
          columns={[
            { title: t('judges.row'), dataIndex: 'row', width: 80 },
            {
              title: t('judges.column'),
              render: (_, p) => [p.column, p.header].filter(Boolean).join(' '),
            },
            { title: t('judges.message'), render: (_, p) => (zh ? p.messageZh : p.message) },
          ]}
        />
      )}
    </Card>
  );
}

function AddJudgeCard({ onAdded }: { onAdded: () => void }) {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; email: string; affiliation?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function add(v: { name: string; email: string; affiliation?: string }) {
    setBusy(true);
    setError(null);
    try {
      await http('POST', '/users', { ...v, roles: ['JUDGE'] });
      form.resetFields();
      void message.success(t('judges.invited'));
      onAdded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('judges.addOne')} className="console-section">
      <Form name="judge" form={form} layout="inline" onFinish={(v) => void add(v)}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('judges.email')}
          rules={[{ required: true, type: 'email' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="affiliation" label={t('judges.affiliation')}>
          <Input />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('judges.addOne')}
        </Button>
      </Form>
      <ErrorAlert error={error} />
    </Card>
  );
}
