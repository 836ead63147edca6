import { App, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { ConfirmDialog } from '../ConfirmDialog';
import { byId, formatTime, useConsoleT } from '../hooks';
import type { JudgeUser } from './list';

const COLOURS = { PENDING: 'gold', ACCEPTED: 'green', EXPIRED: 'red' } as const;

/**
 * Where a judge's invitation stands (待接受 until it runs out, 已接受 once a
 * password is set, 已过期 after), and a new invitation for one not accepted.
 */
export function InvitationStatus({ judge }: { judge: JudgeUser }) {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const invitation = judge.invitation;
  if (!invitation) return <span className="muted">{t('invitations.none')}</span>;

  const when =
    invitation.status === 'ACCEPTED'
      ? invitation.acceptedAt &&
        t('invitations.acceptedAt', { at: formatTime(invitation.acceptedAt) })
      : invitation.status === 'PENDING'
        ? t('invitations.validUntil', { at: formatTime(invitation.expiresAt) })
        : t('invitations.expiredAt', { at: formatTime(invitation.expiresAt) });

  // Closes once the server accepted; a refusal stays in the dialog in words.
  async function resend() {
    const sent = await action.run('resend', () =>
      call(api.POST('/api/v1/users/{id}/invitation', byId(judge.id))),
    );
    if (!sent) return;
    setConfirming(false);
    void message.success(t('invitations.resent', { name: judge.name }));
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
          onClick={() => {
            action.reset();
            setConfirming(true);
          }}
        >
          {t('invitations.resend')}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('invitations.resend')}
        okText={t('invitations.resend')}
        busy={action.busy === 'resend'}
        error={action.error}
        onOk={() => void resend()}
        onCancel={() => setConfirming(false)}
      >
        {t('invitations.resendConfirm', { name: judge.name, email: judge.email })}
      </ConfirmDialog>
      {!confirming && <ErrorAlert error={action.error} />}
    </Space>
  );
}
