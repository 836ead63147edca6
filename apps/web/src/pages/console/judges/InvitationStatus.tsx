import { App, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { http } from '../http';
import { formatTime, useConsoleT } from '../hooks';
import type { JudgeUser } from '../types';

const COLOURS = { PENDING: 'gold', ACCEPTED: 'green', EXPIRED: 'red' } as const;

/**
 * Where a judge's invitation stands (待接受 until it runs out, 已接受 once a
 * password is set, 已过期 after), and a new invitation for one not accepted.
 */
export function InvitationStatus({
  judge,
  onResent,
  onError,
}: {
  judge: JudgeUser;
  onResent: (judge: JudgeUser) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useConsoleT();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
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
        setBusy(true);
        onError(null);
        try {
          onResent(await http<JudgeUser>('POST', `/users/${judge.id}/invitation`));
          void message.success(t('invitations.resent', { name: judge.name }));
        } catch (e) {
          onError(e);
        } finally {
          setBusy(false);
        }
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
          loading={busy}
          aria-label={`${t('invitations.resend')} ${judge.name}`}
          onClick={resend}
        >
          {t('invitations.resend')}
        </Button>
      )}
    </Space>
  );
}
