import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { useAction } from '../../../api/query';
import { ErrorAlert } from '../../../layout/ErrorAlert';
import { useConsoleT } from '../hooks';
import type { Assignment } from './types';

/** Sends a submitted score back to its judge, with a reason (audited). */
export function ReopenScoreDialog({
  roundId,
  score,
  onClose,
}: {
  roundId: string;
  score: Assignment;
  onClose: () => void;
}) {
  const { t } = useConsoleT();
  const { message } = App.useApp();
  const action = useAction();
  const [reason, setReason] = useState('');
  async function reopen() {
    const done = await action.run('reopen', () =>
      call(
        api.POST('/api/v1/rounds/{id}/projects/{projectId}/score/reopen', {
          params: { path: { id: roundId, projectId: score.projectId } },
          body: { judgeId: score.judgeId, reason: reason.trim() },
        }),
      ),
    );
    if (!done) return;
    void message.success(t('rounds.reopened'));
    onClose();
  }
  return (
    <Modal
      open
      title={t('rounds.reopenTitle', { judge: score.judgeName, project: score.title })}
      okText={t('rounds.reopen')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !reason.trim() }}
      confirmLoading={!!action.busy}
      onOk={() => void reopen()}
      onCancel={onClose}
    >
      <Form layout="vertical">
        <Form.Item label={t('rounds.reopenReason')} htmlFor="reopen-reason" required>
          <Input id="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
      <ErrorAlert error={action.error} />
    </Modal>
  );
}
