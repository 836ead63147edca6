import { DomainError } from '../domain-error';

// 尽职调查: a checklist per competition, a handler per project, pass or fail
// with findings. A fail or a refusal withdraws the project (→ 递补).
//   PENDING ──decide──▶ PASSED | FAILED | REFUSED
export type DiligenceStatus = 'PENDING' | 'PASSED' | 'FAILED' | 'REFUSED';
export type DiligenceOutcome = Exclude<DiligenceStatus, 'PENDING'>;

export const DEFAULT_DILIGENCE_CHECKLIST = [
  { code: 'LICENCE', label: '营业执照' },
  { code: 'IP', label: '知识产权证书' },
  { code: 'FINANCIALS', label: '财务报表' },
  { code: 'TAX', label: '纳税证明' },
  { code: 'CONSISTENCY', label: '与报名信息一致' },
] as const;

export interface ChecklistItem {
  code: string;
  label: string;
}
export interface CheckedItem {
  code: string;
  ok: boolean;
  note?: string;
}

export function decideDiligence(
  status: DiligenceStatus,
  outcome: DiligenceOutcome,
  checklist: readonly ChecklistItem[],
  items: readonly CheckedItem[],
  findings: string,
): { status: DiligenceOutcome; withdraws: boolean } {
  if (status !== 'PENDING')
    throw DomainError.of('DILIGENCE_ALREADY_DECIDED', { status }, 'decided already');
  if (!findings.trim()) throw DomainError.of('DILIGENCE_FINDINGS_REQUIRED', 'write the findings');
  if (outcome === 'PASSED') {
    const ok = new Set(items.filter((i) => i.ok).map((i) => i.code));
    const missing = checklist.filter((c) => !ok.has(c.code)).map((c) => c.label);
    if (missing.length)
      throw DomainError.of(
        'DILIGENCE_CHECKLIST_INCOMPLETE',
        { items: missing },
        'every item of the checklist must be checked to pass',
      );
  }
  return { status: outcome, withdraws: outcome !== 'PASSED' };
}
