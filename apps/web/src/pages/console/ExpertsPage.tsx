import { Alert, Button, Card, Input, Space, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { saveFile } from './download';
import { byId, useCompetitionId, useConsoleT } from './hooks';

type Expert = components['schemas']['ExpertDto'];
type ImportResult = components['schemas']['ExpertImportResultDto'];

/** 专家库: the organiser's pool across seasons, its spreadsheet, and the competition's pledge. */
export default function ExpertsPage() {
  const { t, i18n } = useConsoleT();
  const cid = useCompetitionId();
  const pool = $api.useQuery('get', '/api/v1/experts');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [result, setResult] = useState<ImportResult | null>(null);
  const action = useAction();
  const download = useAction({ changes: false });
  const file = files[0]?.originFileObj;
  const zh = i18n.language !== 'en';

  async function send(dryRun: boolean) {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    const answer = await action.run(dryRun ? 'check' : 'import', () =>
      call(
        api.POST('/api/v1/experts/import', {
          params: { query: dryRun ? { dryRun: true } : {} },
          body: form as unknown as { file: string },
          bodySerializer: (body) => body as unknown as FormData,
        }),
      ),
    );
    if (answer) setResult(answer);
  }

  return (
    <>
      <h1>{t('experts.title')}</h1>
      <Card title={t('experts.import')} className="console-section">
        <p>{t('experts.hint')}</p>
        <Space wrap>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList);
              setResult(null);
            }}
          >
            <Button aria-label={t('experts.file')}>{t('experts.file')}</Button>
          </Upload>
          <Button
            disabled={!file}
            loading={action.busy === 'check'}
            onClick={() => void send(true)}
          >
            {t('experts.dryRun')}
          </Button>
          <Button
            type="primary"
            disabled={!file || !result || result.problems.length > 0}
            loading={action.busy === 'import'}
            onClick={() => void send(false)}
          >
            {t('judges.runImport')}
          </Button>
          <Button
            loading={!!download.busy}
            onClick={() =>
              void download.run('xlsx', () =>
                saveFile(
                  api.GET('/api/v1/experts/export.xlsx', { parseAs: 'blob' }),
                  'experts.xlsx',
                ),
              )
            }
          >
            {t('experts.export')}
          </Button>
        </Space>
        <ErrorAlert error={action.error ?? download.error} />
        {result && (
          <Alert
            style={{ marginTop: 12 }}
            type={result.problems.length ? 'warning' : 'success'}
            message={
              result.problems.length
                ? t('judges.problems', { count: result.problems.length })
                : t('experts.imported', result)
            }
          />
        )}
        {result && result.problems.length > 0 && (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.field}-${p.message}`}
            pagination={false}
            dataSource={result.problems}
            columns={[
              { title: t('judges.row'), dataIndex: 'row', width: 80 },
              { title: t('judges.column'), dataIndex: 'column', width: 80 },
              { title: t('judges.message'), render: (_, p) => (zh ? p.messageZh : p.message) },
            ]}
          />
        )}
      </Card>
      <Card
        title={`${t('experts.title')}（${pool.data?.items.length ?? 0}）`}
        className="console-section"
      >
        <ErrorAlert error={pool.error} />
        <Table<Expert>
          rowKey="id"
          size="small"
          loading={pool.isLoading}
          dataSource={pool.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('experts.name'), dataIndex: 'name' },
            { title: t('experts.title2'), dataIndex: 'title' },
            { title: t('experts.unit'), dataIndex: 'unit' },
            { title: t('experts.region'), dataIndex: 'region' },
            {
              title: t('experts.fields'),
              render: (_, e) => e.fields.map((f) => <Tag key={f}>{t(`experts.field.${f}`)}</Tag>),
            },
            {
              title: t('experts.available'),
              render: (_, e) => (e.available ? t('experts.yes') : t('experts.no')),
            },
            { title: t('experts.capacity'), dataIndex: 'capacity' },
            {
              title: t('experts.history'),
              render: (_, e) => `${e.roundsJudged} / ${e.declines} / ${e.remindersNeeded ?? 0}`,
            },
            {
              title: t('experts.conflicts'),
              render: (_, e) => [...e.conflictUnits, ...e.conflictPeople].join('、'),
            },
            { title: t('experts.rating'), dataIndex: 'rating' },
          ]}
        />
      </Card>
      <PledgeCard competitionId={cid} />
    </>
  );
}

function PledgeCard({ competitionId }: { competitionId: string }) {
  const { t } = useConsoleT();
  const pledge = $api.useQuery('get', '/api/v1/competitions/{id}/pledge', byId(competitionId));
  const [text, setText] = useState('');
  const action = useAction();
  useEffect(() => {
    if (pledge.data) setText(pledge.data.text ?? '');
  }, [pledge.data]);
  return (
    <Card
      title={t('experts.pledge')}
      className="console-section"
      extra={t('experts.accepted', { count: pledge.data?.acceptances.length ?? 0 })}
    >
      <p>{t('experts.pledgeHint')}</p>
      <Input.TextArea
        id="pledge-text"
        aria-label={t('experts.pledge')}
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <ErrorAlert error={action.error ?? pledge.error} />
      <Button
        style={{ marginTop: 8 }}
        type="primary"
        loading={action.busy === 'pledge'}
        onClick={() =>
          void action.run('pledge', () =>
            call(
              api.PUT('/api/v1/competitions/{id}/pledge', {
                ...byId(competitionId),
                body: { text },
              }),
            ),
          )
        }
      >
        {t('experts.pledgeSave')}
      </Button>
    </Card>
  );
}
