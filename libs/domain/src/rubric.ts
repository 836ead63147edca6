import { DomainError, FieldProblem, fieldProblem } from './domain-error';

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
    problems.push(fieldProblem('criteria', 'RUBRIC_NO_CRITERIA', 'at least one criterion'));
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    // Rows as the organiser counts them (1-based), named by the criterion.
    const at = { row: i + 1, criterion: c.name || c.code };
    if (seen.has(c.code))
      problems.push(
        fieldProblem(
          `criteria.${i}.code`,
          'CRITERION_DUPLICATE_CODE',
          `row ${i + 1}: duplicate code ${c.code}`,
          at,
        ),
      );
    seen.add(c.code);
    if (!(c.weight > 0))
      problems.push(
        fieldProblem(
          `criteria.${i}.weight`,
          'CRITERION_WEIGHT_NOT_POSITIVE',
          `row ${i + 1}: weight must be positive`,
          at,
        ),
      );
    if (!(c.maxScore > 0))
      problems.push(
        fieldProblem(
          `criteria.${i}.maxScore`,
          'CRITERION_MAX_NOT_POSITIVE',
          `row ${i + 1}: maxScore must be positive`,
          at,
        ),
      );
  });
  const sum = criteria.reduce((s, c) => s + c.weight, 0);
  if (criteria.length && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    problems.push(
      fieldProblem('criteria', 'RUBRIC_WEIGHTS_SUM', `weights must sum to 1 (they sum to ${sum})`, {
        sum,
      }),
    );
  }
  return problems;
}

/** The refusal of a rubric with problems: RUBRIC_INVALID, one `details` item per problem. */
export function rubricRefusal(problems: FieldProblem[]): DomainError {
  return DomainError.of(
    'RUBRIC_INVALID',
    { problems: problems.length },
    `Invalid rubric: ${problems.map((p) => p.message).join('; ')}`,
    problems,
  );
}
