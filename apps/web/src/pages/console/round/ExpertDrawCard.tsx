import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { ConfirmDialog } from '../ConfirmDialog';
import { saveFile } from '../download';
import { byId, formatTime, useConsoleT } from '../hooks';

type Draw = components['schemas']['ExpertDrawDto'];
const FIELDS = ['TECHNOLOGY', 'INVESTMENT', 'INDUSTRY', 'FINANCE'] as const;

/** 专家随机抽取: seal the seed (its hash shown), draw, and the record with its export. */
export function ExpertDrawCard({ roundId, timeZone }: { roundId: string; timeZone?: string }) {
  const { t } = useConsoleT();
  const draws = $api.useQuery('get', '/api/v1/rounds/{id}/expert-draws', byId(roundId));
  const [mix, setMix] = useState<Record<string, number>>({
    TECHNOLOGY: 2,
    INVESTMENT: 2,
    INDUSTRY: 1,
  });
  const [reserves, setReserves] = useState(2);
  const [outside, setOutside] = useState(0.5);
  const [unit, setUnit] = useState('');
  const [sameRegion, setSameRegion] = useState(true);
  const [earlier, setEarlier] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const download = useAction({ changes: false });
  const latest: Draw | undefined = draws.data?.items[0];

  const commit = () =>
    action.run('commit', () =>
      call(
        api.POST('/api/v1/rounds/{id}/expert-draws', {
          ...byId(roundId),
          body: {
            mix,
            reserves,
            minOutsideShare: outside,
            organiserUnit: unit || undefined,
            recuseSameRegion: sameRegion,
            recuseJudgedEarlier: earlier,
          },
        }),
      ),
    );
  const draw = async () => {
    if (!latest) return;
    const done = await action.run('draw', () =>
      call(api.POST('/api/v1/expert-draws/{id}/draw', byId(latest.id))),
    );
    if (done) setConfirming(false);
  };
  const invitationOf = new Map(latest?.invitations.map((i) => [i.expertId, i]) ?? []);

  return (
    <Card title={t('draw.title')} className="console-section" data-testid="expert-draw">
      <p>{t('draw.hint')}</p>
      <Space wrap align="end">
        {FIELDS.map((f) => (
          <label key={f} className="console-field">
            {t('draw.mix', { field: t(`experts.field.${f}`) })}
            <InputNumber
              min={0}
              max={50}
              value={mix[f] ?? 0}
              onChange={(v) => setMix({ ...mix, [f]: v ?? 0 })}
            />
          </label>
        ))}
        <label className="console-field">
          {t('draw.reserves')}
          <InputNumber min={0} max={50} value={reserves} onChange={(v) => setReserves(v ?? 0)} />
        </label>
        <label className="console-field">
          {t('draw.outside')}
          <InputNumber
            min={0}
            max={1}
            step={0.1}
            value={outside}
            onChange={(v) => setOutside(v ?? 0)}
          />
        </label>
        <label className="console-field">
          {t('draw.organiserUnit')}
          <Input value={unit} onChange={(e) => setUnit(e.target.value)} />
        </label>
        <Checkbox checked={sameRegion} onChange={(e) => setSameRegion(e.target.checked)}>
          {t('draw.sameRegion')}
        </Checkbox>
        <Checkbox checked={earlier} onChange={(e) => setEarlier(e.target.checked)}>
          {t('draw.judgedEarlier')}
        </Checkbox>
        <Button loading={action.busy === 'commit'} onClick={() => void commit()}>
          {t('draw.commit')}
        </Button>
        <Button
          type="primary"
          disabled={latest?.status !== 'COMMITTED'}
          onClick={() => setConfirming(true)}
        >
          {t('draw.draw')}
        </Button>
      </Space>
      <ErrorAlert error={action.error ?? draws.error ?? download.error} />
      <ConfirmDialog
        open={confirming}
        title={t('draw.confirmTitle')}
        busy={action.busy === 'draw'}
        error={action.error}
        onOk={() => void draw()}
        onCancel={() => setConfirming(false)}
      >
        {t('draw.confirm')}
      </ConfirmDialog>
      {!latest && <p className="muted">{t('draw.none')}</p>}
      {latest?.status === 'COMMITTED' && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          message={t('draw.committed')}
          description={<code data-testid="seed-hash">{latest.seedSha256}</code>}
        />
      )}
      {latest?.status === 'DRAWN' && (
        <div data-testid="draw-record" style={{ marginTop: 12 }}>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('draw.hash')}>
              <code>{latest.seedSha256}</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('draw.seed')}>
              <code data-testid="seed">{latest.seed}</code>
            </Descriptions.Item>
            <Descriptions.Item label={latest.drawnByName ?? ''}>
              {formatTime(latest.drawnAt, timeZone)}
            </Descriptions.Item>
          </Descriptions>
          <h3>{t('draw.drawn')}</h3>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[
              ...latest.drawn.map((d) => ({ ...d, reserve: false })),
              ...latest.reserves
                .filter((r) => invitationOf.has(r.id))
                .map((r) => ({ ...r, field: invitationOf.get(r.id)!.field, reserve: true })),
            ]}
            columns={[
              { title: t('draw.position'), render: (_, d) => d.position + 1, width: 80 },
              { title: t('experts.name'), dataIndex: 'name' },
              {
                title: t('experts.fields'),
                render: (_, d) => (
                  <>
                    {t(`experts.field.${d.field}`)}{' '}
                    {d.reserve && <Tag>{t('draw.reserveList')}</Tag>}
                  </>
                ),
              },
              {
                title: t('draw.invitation'),
                render: (_, d) => {
                  const i = invitationOf.get(d.id);
                  return i
                    ? `${t(`draw.status.${i.status}`)}${i.reason ? `（${i.reason}）` : ''}`
                    : '';
                },
              },
            ]}
          />
          <h3>{t('draw.reserveList')}</h3>
          <p>{latest.reserves.map((r) => r.name).join('、') || '—'}</p>
          <h3>{t('draw.excluded')}</h3>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={latest.excluded}
            columns={[
              { title: t('experts.name'), dataIndex: 'name' },
              {
                title: t('draw.reasons'),
                render: (_, x) => x.reasons.map((r) => t(`draw.reason.${r}`)).join('、'),
              },
            ]}
          />
          <Button
            style={{ marginTop: 12 }}
            loading={!!download.busy}
            onClick={() =>
              void download.run('record', () =>
                saveFile(
                  api.GET('/api/v1/expert-draws/{id}/record.xlsx', {
                    ...byId(latest.id),
                    parseAs: 'blob',
                  }),
                  'expert-draw.xlsx',
                ),
              )
            }
          >
            {t('draw.record')}
          </Button>
        </div>
      )}
    </Card>
  );
}
