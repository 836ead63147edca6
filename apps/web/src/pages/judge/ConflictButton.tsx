import { Button, Dialog, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { describeError } from '../../api/errors';

/** 回避: the judge declares a conflict of interest and leaves the project. */
export function ConflictButton(props: {
  roundId: string;
  projectId: string;
  judgeId: string;
  onDeclared: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  const declare = () => {
    let reason = '';
    const dialog = Dialog.show({
      title: t('judge.conflictTitle'),
      content: (
        <div>
          <p>{t('judge.conflictExplain')}</p>
          <label htmlFor="conflict-reason">{t('judge.conflictReason')}</label>
          <TextArea
            id="conflict-reason"
            rows={3}
            placeholder={t('judge.conflictPlaceholder')}
            onChange={(v) => (reason = v)}
          />
        </div>
      ),
      closeOnAction: false,
      onAction: (action) => {
        if (action.key === 'cancel') dialog.close();
      },
      actions: [
        [
          { key: 'cancel', text: t('common.cancel') },
          {
            key: 'declare',
            text: t('judge.conflictConfirm'),
            danger: true,
            bold: true,
            onClick: async () => {
              if (!reason.trim()) {
                Toast.show({ content: t('judge.conflictReasonRequired') });
                return; // the dialog stays open for the reason
              }
              dialog.close();
              setBusy(true);
              try {
                await call(
                  api.POST('/api/v1/rounds/{id}/conflicts', {
                    params: { path: { id: props.roundId } },
                    body: {
                      judgeId: props.judgeId,
                      projectId: props.projectId,
                      reason: reason.trim(),
                    },
                  }),
                );
                Toast.show({ icon: 'success', content: t('judge.conflictDone') });
                props.onDeclared();
              } catch (e) {
                Toast.show({ icon: 'fail', content: describeError(e, t).title });
              } finally {
                setBusy(false);
              }
            },
          },
        ],
      ],
    });
  };

  return (
    <Button
      block
      fill="outline"
      color="danger"
      loading={busy}
      onClick={declare}
      className="conflict-button"
    >
      {t('judge.declareConflict')}
    </Button>
  );
}
