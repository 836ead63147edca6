import { Alert, Button, Card, Progress, Space, Table, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useCompetitionId, useConsoleT } from '../hooks';

type ImportJob = components['schemas']['ImportJobDto'];
type ImportPreview = components['schemas']['ImportPreviewDto'];
type ImportProblem = components['schemas']['ImportProblemDto'];

const finished = (job?: ImportJob) => job?.status === 'COMPLETED' || job?.status === 'FAILED';

/** Check (dry run), then import; the import runs in the background and is polled for progress. */
export function ImportCard() {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const queries = useQueryClient();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const action = useAction();
  const file = files[0]?.originFileObj;
  const polled = $api.useQuery('get', '/api/v1/imports/{id}', byId(jobId ?? ''), {
    enabled: !!jobId,
    refetchInterval: (q) => (finished(q.state.data) ? false : 700),
  });
  const job = jobId ? polled.data : undefined;
  const running = !!jobId && !finished(job);
  const problems: ImportProblem[] = finished(job) ? job!.errors : (preview?.problems ?? []);

  // Once the import ends, the judge list and the import history change.
  useEffect(() => {
    if (finished(job)) void queries.invalidateQueries();
  }, [job, queries]);

  async function send(dryRun: boolean) {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    const answer = await action.run(dryRun ? 'check' : 'import', () =>
      call(
        api.POST('/api/v1/competitions/{id}/imports/judges', {
          params: { path: { id: cid }, query: dryRun ? { dryRun: true } : {} },
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      ),
    );
    if (!answer) return;
    if (dryRun) {
      setPreview(answer as ImportPreview);
      setJobId(null);
    } else setJobId((answer as ImportJob).id);
  }

  const zh = i18n.language !== 'en';
  return (
    <Card title={t('judges.import')} className="console-section">
      <p>{t('judges.importHint')}</p>
      <Space wrap>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFiles(fileList);
            setPreview(null);
            setJobId(null);
          }}
        >
          <Button aria-label={t('judges.file')}>{t('judges.file')}</Button>
        </Upload>
        <Button disabled={!file} loading={action.busy === 'check'} onClick={() => void send(true)}>
          {t('judges.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!file || !preview || preview.problems.length > 0 || !!jobId}
          loading={action.busy === 'import' || running}
          onClick={() => void send(false)}
        >
          {t('judges.runImport')}
        </Button>
      </Space>
      <ErrorAlert error={action.error ?? polled.error} />
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
