import { Alert, Button, Card, Progress, Space, Table, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { useCapability } from '../capabilities';
import { http } from '../http';
import { useCompetitionId, useConsoleT, useInterval } from '../hooks';
import type { ImportJob, ImportPreview, ImportProblem } from '../types';

/** Check (dry run), then import; the import runs in the background and is polled for progress. */
export function ImportCard({ onImported }: { onImported: (job: ImportJob) => void }) {
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
