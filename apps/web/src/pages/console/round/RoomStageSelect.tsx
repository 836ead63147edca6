import { Select, Space } from 'antd';
import type { components } from '../../../api/schema';
import { useConsoleT } from '../hooks';
import './room-stage-i18n';

export type StageRoom = components['schemas']['RoomDto'];

/**
 * 分会场: which room's stage the now-pitching and timer controls drive (shown
 * only when the round has rooms; '' is the round's own stage).
 */
export function RoomStageSelect({
  rooms,
  value,
  onChange,
}: {
  rooms: StageRoom[];
  value: string;
  onChange: (roomId: string) => void;
}) {
  const { t } = useConsoleT();
  if (!rooms.length) return null;
  return (
    <Space wrap className="console-section" data-testid="room-stage-select">
      <label htmlFor="room-stage">{t('roomStage.label')}</label>
      <Select
        id="room-stage"
        style={{ minWidth: 220 }}
        value={value}
        onChange={onChange}
        options={[
          { value: '', label: t('roomStage.whole') },
          ...rooms.map((r) => ({ value: r.id, label: r.name })),
        ]}
      />
      <span className="muted">{t('roomStage.hint')}</span>
    </Space>
  );
}
