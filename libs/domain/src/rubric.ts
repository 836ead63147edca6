import { FieldProblem } from './domain-error';

export interface Criterion {
  code: string;
  name: string;
  weight: number;
  maxScore: number;
}

// Weights are stored as given; they must sum to 1 within floating error so a
// rubric of thirds (0.3333…) is accepted but 0.9 is not.
const WEIGHT_SUM_TOLERANCE = 1e-6;

export function validateRubric(criteria: Criterion[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (criteria.length === 0)
    problems.push({ field: 'criteria', message: 'at least one criterion' });
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    if (seen.has(c.code))
      problems.push({ field: `criteria.${i}.code`, message: `duplicate code ${c.code}` });
    seen.add(c.code);
    if (!(c.weight > 0))
      problems.push({ field: `criteria.${i}.weight`, message: 'weight must be positive' });
    if (!(c.maxScore > 0))
      problems.push({ field: `criteria.${i}.maxScore`, message: 'maxScore must be positive' });
  });
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (criteria.length && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    problems.push({ field: 'criteria', message: `weights must sum to 1 (they sum to ${sum})` });
  }
  return problems;
}
