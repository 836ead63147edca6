import { Button, Card, Space, Table, Tag } from 'antd';
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
  // A double-marked (2+1) round's entries say which projects needed a third expert.
  const doubleMarked = (ranking.data?.entries ?? []).some((e) => e.thirdExpert !== undefined);
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
          ...(doubleMarked
            ? [
                {
                  title: t('double.thirdExpert'),
                  key: 'thirdExpert',
                  render: (_: unknown, e: NonNullable<typeof ranking.data>['entries'][number]) => (
                    <Space size={4}>
                      {e.thirdExpert && <Tag color="orange">{t('double.needsThird')}</Tag>}
                      {e.doubleMarkStatus && e.doubleMarkStatus !== 'DONE' && (
                        <Tag>{t(`double.pending.${e.doubleMarkStatus}`)}</Tag>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
