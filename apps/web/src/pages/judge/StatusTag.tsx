import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  OPEN: 'success',
  DRAFT: 'default',
  CLOSED: 'default',
  NOT_STARTED: 'default',
  SUBMITTED: 'success',
};

/** A round's status or a score's status, in words. */
export function StatusTag({
  status,
  kind = 'round',
}: {
  status: string;
  kind?: 'round' | 'score';
}) {
  const { t } = useTranslation();
  const color = kind === 'score' && status === 'DRAFT' ? 'warning' : (COLORS[status] ?? 'default');
  return <Tag color={color}>{t(`judge.status.${kind}.${status}`)}</Tag>;
}
