import { Modal } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { useConsoleT } from './hooks';

/**
 * A confirmation that waits for its action, drawn from the page's state
 * (never a `modal.confirm` closure taken when it opened): 确定 sends what the
 * page holds at that moment and shows progress while the request runs (the
 * dialog cannot be dismissed meanwhile); the page closes it once the server
 * accepted; a refusal is shown inside as its code's sentence, the dialog left
 * open to cancel or try again.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  okText,
  danger,
  busy,
  error,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  okText?: string;
  danger?: boolean;
  busy: boolean;
  error: unknown;
  onOk: () => void;
  onCancel: () => void;
}) {
  const { t } = useConsoleT();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger }}
      cancelButtonProps={{ disabled: busy }}
      confirmLoading={busy}
      closable={!busy}
      keyboard={!busy}
      maskClosable={false}
      destroyOnHidden
      onOk={onOk}
      onCancel={() => {
        if (!busy) onCancel();
      }}
    >
      {children}
      <ErrorAlert error={open ? error : null} />
    </Modal>
  );
}
