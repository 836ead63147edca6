import { Alert, Button, Input, Space, Tag } from 'antd';
import { NO_AWARD_TIER } from '@app/error-codes';
import { useConsoleT } from '../hooks';
import type { BoundaryTie } from './types';
import { type TieChoice, move, tieOutcome } from './award-plan';

/**
 * One tie at a tier boundary: the organiser orders the tied projects (up and
 * down) and says why; the places they would get in that order are shown.
 */
export function TieSettle({
  index,
  tie,
  choice,
  rows,
  slots,
  onChange,
}: {
  index: number;
  tie: BoundaryTie;
  choice: TieChoice;
  rows: { projectId: string }[];
  slots: string[];
  onChange: (choice: TieChoice) => void;
}) {
  const { t } = useConsoleT();
  const titleOf = (id: string) => tie.titles[tie.projectIds.indexOf(id)] ?? id;
  const tierName = (tier: string | null) =>
    tier && tier !== NO_AWARD_TIER ? tier : t('awards.none');
  const outcome = tieOutcome(tie, choice.order, rows, slots);
  const reasonId = `tie-reason-${index}`;
  return (
    <div className="tie-settle" data-testid={`tie-${index + 1}`}>
      {/* A warning until the organiser has said why; then a note of the decision. */}
      <Alert
        type={choice.reason.trim() ? 'info' : 'warning'}
        showIcon
        message={t('awards.tieTitle', {
          score: tie.score,
          titles: tie.titles.join('、'),
          tiers: tie.tiers.map(tierName).join(' / '),
        })}
        description={t('awards.tieHint')}
      />
      <ol className="tie-settle__order">
        {outcome.map((o, j) => (
          <li key={o.projectId}>
            <span className="tie-settle__title">{titleOf(o.projectId)}</span>
            <Tag color={o.tier ? 'gold' : 'default'}>{tierName(o.tier)}</Tag>
            <Space size={4}>
              <Button
                size="small"
                aria-label={`${t('awards.moveUp')} ${titleOf(o.projectId)}`}
                disabled={j === 0}
                onClick={() => onChange({ ...choice, order: move(choice.order, j, -1) })}
              >
                ↑ {t('awards.moveUp')}
              </Button>
              <Button
                size="small"
                aria-label={`${t('awards.moveDown')} ${titleOf(o.projectId)}`}
                disabled={j === outcome.length - 1}
                onClick={() => onChange({ ...choice, order: move(choice.order, j, 1) })}
              >
                ↓ {t('awards.moveDown')}
              </Button>
            </Space>
          </li>
        ))}
      </ol>
      <label htmlFor={reasonId} className="tie-settle__label">
        {t('awards.tieReason')} {index + 1}
      </label>
      <Input
        id={reasonId}
        value={choice.reason}
        maxLength={1000}
        status={choice.reason.trim() ? undefined : 'warning'}
        placeholder={t('common.reasonRequired')}
        onChange={(e) => onChange({ ...choice, reason: e.target.value })}
      />
    </div>
  );
}
