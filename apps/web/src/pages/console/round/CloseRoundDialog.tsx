import { Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { byId, useConsoleT } from '../hooks';
import type { Assignment } from './types';

/**
 * Closing a round. With scores still in draft it lists them by judge and
 * project and closes only with `force` and a reason (audited); the drafts
 * stay drafts and do not count. A 2+1 round refused for projects awaiting a
 * third mark or the arbitration (the refusal names them) may then be closed
 * the same way.
 */
export function CloseRoundDialog({
  roundId,
  assignments,
  missing,
  onClose,
}: {
  roundId: string;
  assignments: Assignment[];
  missing: number;
  onClose: () => void;
}) {
  const { t } = useConsoleT();
  const action = useAction();
  const [reason, setReason] = useState('');
  const drafts = assignments.filter((a) => a.scoreStatus === 'DRAFT');
  const [doubleMarksOpen, setDoubleMarksOpen] = useState(false);
  useEffect(() => {
    const e = action.error;
    if (e instanceof ApiError && e.code === 'ROUND_DOUBLE_MARK_UNDECIDED') setDoubleMarksOpen(true);
  }, [action.error]);
  const force = drafts.length > 0 || doubleMarksOpen;
  async function close() {
    const body = force ? { force: true, reason: reason.trim() } : {};
    const done = await action.run('close', () =>
      call(api.POST('/api/v1/rounds/{id}/close', { ...byId(roundId), body })),
    );
    if (done) onClose();
  }
  return (
    <Modal
      open
      title={t('rounds.close')}
      okText={force ? t('rounds.forceClose') : t('rounds.close')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: missing > 0, disabled: force && !reason.trim() }}
      confirmLoading={!!action.busy}
      onOk={() => void close()}
      onCancel={onClose}
    >
      <p>{missing > 0 ? t('rounds.closeConfirm', { missing }) : t('rounds.closeConfirmClean')}</p>
      {force && (
        <>
          {drafts.length > 0 && (
            <>
              <p>{t('rounds.draftsTitle', { count: drafts.length })}</p>
              <ul data-testid="close-drafts">
                {drafts.map((d) => (
                  <li key={`${d.projectId}:${d.judgeId}`}>
                    {d.judgeName} · {d.title}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Form layout="vertical">
            <Form.Item label={t('rounds.forceReason')} htmlFor="force-reason" required>
              <Input id="force-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </Form.Item>
          </Form>
        </>
      )}
      <ErrorAlert error={action.error} />
    </Modal>
  );
}
