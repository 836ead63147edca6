import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { $api, useAction } from '../../api/query';
import { ErrorAlert } from '../../layout/ErrorAlert';

// 递补: a place freed on a published list offered to this project
// (docs/due-process.md). The owner accepts or declines before the deadline;
// without an answer the place passes on by itself.
const TEXT = {
  zh: {
    offered: '获得递补名额，请在截止前确认：',
    accept: '接受递补',
    decline: '放弃递补',
    ACCEPTED: '已接受递补',
    DECLINED: '已放弃递补',
    EXPIRED: '递补逾期未确认',
  },
  en: {
    offered: 'A place is offered to this project; answer by',
    accept: 'Accept the place',
    decline: 'Decline',
    ACCEPTED: 'Place accepted',
    DECLINED: 'Place declined',
    EXPIRED: 'Offer expired',
  },
};

export function PlaceOffers({ projectId, timeZone }: { projectId: string; timeZone: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh';
  const T = TEXT[lang];
  const q = $api.useQuery('get', '/api/v1/projects/{id}/due-process', {
    params: { path: { id: projectId } },
  });
  const { run, busy, error } = useAction();
  const offers = q.data?.offers ?? [];
  if (!offers.length) return null;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  return (
    <div className="place-offers">
      {offers.map((o) =>
        o.status === 'OFFERED' ? (
          <Space key={o.id} wrap>
            <Typography.Text strong>
              {T.offered} {when(o.deadline)}
            </Typography.Text>
            <Button
              type="primary"
              loading={busy === `accept-${o.id}`}
              onClick={() =>
                void run(`accept-${o.id}`, () =>
                  call(api.POST('/api/v1/offers/{id}/accept', { params: { path: { id: o.id } } })),
                )
              }
            >
              {T.accept}
            </Button>
            <Button
              loading={busy === `decline-${o.id}`}
              onClick={() =>
                void run(`decline-${o.id}`, () =>
                  call(api.POST('/api/v1/offers/{id}/decline', { params: { path: { id: o.id } } })),
                )
              }
            >
              {T.decline}
            </Button>
          </Space>
        ) : (
          <Typography.Text key={o.id} type="secondary">
            {T[o.status] ?? o.status}
          </Typography.Text>
        ),
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
