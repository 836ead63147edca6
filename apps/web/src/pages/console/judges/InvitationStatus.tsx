import { App, Button, Space, Tag } from 'antd';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, formatTime, useConsoleT } from '../hooks';
import type { JudgeUser } from './list';

const COLOURS = { PENDING: 'gold', ACCEPTED: 'green', EXPIRED: 'red' } as const;

/**
 * Where a judge's invitation stands (待接受 until it runs out, 已接受 once a
 * password is set, 已过期 after), and a new invitation for one not accepted.
 */
export function InvitationStatus({ judge }: { judge: JudgeUser }) {
  const { t } = useConsoleT();
  const { modal, message } = App.useApp();
  const action = useAction();
  const invitation = judge.invitation;
  if (!invitation) return <span className="muted">{t('invitations.none')}</span>;

  const when =
    invitation.status === 'ACCEPTED'
      ? invitation.acceptedAt &&
        t('invitations.acceptedAt', { at: formatTime(invitation.acceptedAt) })
      : invitation.status === 'PENDING'
        ? t('invitations.validUntil', { at: formatTime(invitation.expiresAt) })
        : t('invitations.expiredAt', { at: formatTime(invitation.expiresAt) });

  function resend() {
    void modal.confirm({
      title: t('invitations.resend'),
      content: t('invitations.resendConfirm', { name: judge.name, email: judge.email }),
      okText: t('invitations.resend'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const sent = await action.run('resend', () =>
          call(api.POST('/api/v1/users/{id}/invitation', byId(judge.id))),
        );
        if (sent) void message.success(t('invitations.resent', { name: judge.name }));
      },
    });
  }

  return (
    <Space wrap size={4}>
      <Tag color={COLOURS[invitation.status]}>{t(`invitations.${invitation.status}`)}</Tag>
      {when && (
        <span
          className="muted"
          title={t('invitations.sentAt', { at: formatTime(invitation.sentAt) })}
        >
          {when}
        </span>
      )}
      {invitation.status !== 'ACCEPTED' && !judge.disabled && (
        <Button
          size="small"
          loading={!!action.busy}
          aria-label={`${t('invitations.resend')} ${judge.name}`}
          onClick={resend}
        >
          {t('invitations.resend')}
        </Button>
      )}
      <ErrorAlert error={action.error} />
    </Space>
  );
}
