import { Button, Card, Space, Table } from 'antd';
import { api } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { saveFile } from '../download';
import { byId, useConsoleT } from '../hooks';

/** The round's ranking, its CSV, and the per-judge score sheets (评分表) as Excel. */
export function RankingCard({ roundId }: { roundId: string }) {
  const { t } = useConsoleT();
  const ranking = $api.useQuery('get', '/api/v1/rounds/{id}/ranking', byId(roundId));
  const files = useAction({ changes: false });
  const init = { ...byId(roundId), parseAs: 'blob' as const };
  return (
    <Card
      title={t('rounds.ranking')}
      extra={
        <Space wrap>
          <Button onClick={() => void ranking.refetch()}>{t('common.refresh')}</Button>
          <Button
            loading={files.busy === 'csv'}
            onClick={() =>
              void files.run('csv', () =>
                saveFile(api.GET('/api/v1/rounds/{id}/ranking.csv', init), 'ranking.csv'),
              )
            }
          >
            {t('rounds.rankingCsv')}
          </Button>
          <Button
            loading={files.busy === 'sheets'}
            onClick={() =>
              void files.run('sheets', () =>
                saveFile(
                  api.GET('/api/v1/rounds/{id}/score-sheets.xlsx', init),
                  'score-sheets.xlsx',
                ),
              )
            }
          >
            {t('rounds.scoreSheets')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={ranking.error ?? files.error} />
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
