import { Alert, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { $api, useAction } from '../../../api/query';
import type { components } from '../../../api/schema';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { ConfirmDialog } from '../ConfirmDialog';
import { byId, formatTime, useConsoleT } from '../hooks';

type Ticket = components['schemas']['ScreenTicketViewDto'];
type Issued = components['schemas']['StreamTicketDto'];

const STATUS_COLOR: Record<string, string> = {
  ACTIVE: 'success',
  EXPIRED: 'default',
  REVOKED: 'error',
  ISSUER_LOST_ACCESS: 'warning',
};

/** The ticket's id (its `jti`), read from the link just issued to mark its row; not verified. */
function ticketIdOf(ticket: string): string | null {
  try {
    const payload = ticket.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const jti = (JSON.parse(atob(payload)) as { jti?: unknown }).jti;
    return typeof jti === 'string' ? jti : null;
  } catch {
    return null;
  }
}

/**
 * 大屏链接: the round's big-screen links (screen tickets) as issued, with who
 * issued them, until when they hold and whether they still work; a new link
 * (shown once, to copy or open) and the way to end one. A screen open with
 * an ended link says so at once.
 */
export function ScreenTicketsCard({ roundId, timeZone }: { roundId: string; timeZone?: string }) {
  const { t } = useConsoleT();
  const list = $api.useQuery('get', '/api/v1/rounds/{id}/screen-tickets', byId(roundId));
  const action = useAction();
  const [issued, setIssued] = useState<Issued | null>(null);
  // The ticket asked about stays named while the dialog closes.
  const [revoking, setRevoking] = useState<{ ticket: Ticket; label: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const items = list.data?.items ?? [];
  // Numbered in the order they were issued (the list is newest first).
  const labelOf = (i: number) => t('screens.label', { n: items.length - i });
  const url = issued ? `${window.location.origin}${issued.screenPath}` : '';
  const issuedId = issued ? ticketIdOf(issued.ticket) : null;
  // The link just issued stays on show while it works (not once revoked or run out).
  const issuedRow = items.find((x) => x.id === issuedId);
  const showIssued = !!issued && (!issuedRow || issuedRow.status === 'ACTIVE');

  async function issue() {
    setCopied(false);
    const answer = await action.run('issue', () =>
      call(api.POST('/api/v1/rounds/{id}/ranking/stream-ticket', byId(roundId))),
    );
    if (answer) setIssued(answer);
  }

  async function revoke() {
    if (!revoking) return;
    const done = await action.run('revoke', () =>
      call(
        api.POST('/api/v1/rounds/{id}/screen-tickets/{ticketId}/revoke', {
          params: { path: { id: roundId, ticketId: revoking.ticket.id } },
        }),
      ),
    );
    if (done) setConfirming(false);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard (a page not served over HTTPS): the address stays selected to copy by hand.
      (document.getElementById('screen-link-url') as HTMLInputElement | null)?.select();
    }
  }

  return (
    <Card
      title={t('screens.title')}
      className="console-section"
      data-testid="screen-tickets"
      extra={
        <Button type="primary" loading={action.busy === 'issue'} onClick={() => void issue()}>
          {t('screens.issue')}
        </Button>
      }
    >
      <p>{t('screens.hint')}</p>
      {!confirming && <ErrorAlert error={action.error ?? list.error} />}
      {issued && showIssued && (
        <Alert
          type="success"
          showIcon
          className="screen-link"
          style={{ marginBottom: 12 }}
          message={t('screens.issued', { at: formatTime(issued.expiresAt, timeZone) })}
          description={
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Input
                id="screen-link-url"
                readOnly
                aria-label={t('screens.url')}
                value={url}
                onFocus={(e) => e.target.select()}
              />
              <Button onClick={() => void copy()}>
                {copied ? t('screens.copied') : t('screens.copy')}
              </Button>
              <Button href={issued.screenPath} target="_blank" rel="noopener">
                {t('screens.open')}
              </Button>
            </Space.Compact>
          }
        />
      )}
      <Table<Ticket>
        size="small"
        rowKey="id"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={items}
        loading={list.isLoading}
        locale={{ emptyText: t('screens.none') }}
        columns={[
          {
            title: t('screens.link'),
            render: (_, x, i) => (
              <Space size={4}>
                {labelOf(i)}
                {x.id === issuedId && <Tag color="blue">{t('screens.new')}</Tag>}
              </Space>
            ),
          },
          { title: t('screens.issuedBy'), render: (_, x) => x.issuedBy.name },
          { title: t('screens.issuedAt'), render: (_, x) => formatTime(x.issuedAt, timeZone) },
          {
            title: t('screens.expiresAt'),
            render: (_, x) => (x.revokedAt ? '—' : formatTime(x.expiresAt, timeZone)),
          },
          {
            title: t('common.status'),
            render: (_, x) => (
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[x.status]}>{t(`screens.status.${x.status}`)}</Tag>
                {x.revokedAt &&
                  t(x.revokedBy ? 'screens.revokedBy' : 'screens.endedAt', {
                    name: x.revokedBy?.name,
                    at: formatTime(x.revokedAt, timeZone),
                  })}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, x, i) =>
              x.status === 'ACTIVE' && (
                <Button
                  size="small"
                  danger
                  aria-label={`${t('screens.revoke')} ${labelOf(i)}`}
                  onClick={() => {
                    action.reset();
                    setRevoking({ ticket: x, label: labelOf(i) });
                    setConfirming(true);
                  }}
                >
                  {t('screens.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog
        open={confirming}
        title={t('screens.revokeTitle', { label: revoking?.label ?? '' })}
        okText={t('screens.revoke')}
        danger
        busy={action.busy === 'revoke'}
        error={action.error}
        onOk={() => void revoke()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('screens.revokeConfirm')}</p>
      </ConfirmDialog>
    </Card>
  );
}
