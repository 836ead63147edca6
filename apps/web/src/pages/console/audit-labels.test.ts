import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, MAIL_TYPES } from '@app/log-names';
import {
  ACTION_LABELS,
  ENTITY_LABELS,
  MAIL_LABELS,
  auditActionLabel,
  entityLabel,
  mailTypeLabel,
} from './audit-labels';

// The lists are the api's own (libs/domain/src/shared/log-names.ts: appendAudit
// and the mail templates take only these names), so an action or mail the api
// gains without a label in both languages fails here, not on the log page.
const HAN = /\p{Script=Han}/u;
const cases = [
  ['audit action', AUDIT_ACTIONS, ACTION_LABELS, auditActionLabel],
  ['audited object', AUDIT_ENTITY_TYPES, ENTITY_LABELS, entityLabel],
  ['mail type', MAIL_TYPES, MAIL_LABELS, mailTypeLabel],
] as const;

describe('console log labels', () => {
  for (const [what, names, labels, label] of cases) {
    it(`names every ${what} in Chinese and in English`, () => {
      for (const name of names) {
        const zh = label(name, 'zh-CN');
        const en = label(name, 'en');
        expect({ name, zh: HAN.test(zh) }).toEqual({ name, zh: true });
        expect({ name, en: en !== name && en.trim() !== '' && !HAN.test(en) }).toEqual({
          name,
          en: true,
        });
      }
      // No label for a name the api no longer writes.
      expect(Object.keys(labels).sort()).toEqual([...names].sort());
    });
  }

  it('shows a name it does not know as it is', () => {
    expect(auditActionLabel('round.something-new', 'zh-CN')).toBe('round.something-new');
    expect(mailTypeLabel('toString', 'en')).toBe('toString');
    expect(entityLabel(null, 'zh-CN')).toBe('');
  });
});
