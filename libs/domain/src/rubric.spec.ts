import { validateRubric } from './rubric';

describe('validateRubric', () => {
  const c = (code: string, weight: number, maxScore = 100) => ({
    code,
    name: code,
    weight,
    maxScore,
  });

  it('accepts weights summing to 1, thirds included', () => {
    expect(validateRubric([c('TECH', 0.4), c('MARKET', 0.3), c('TEAM', 0.3)])).toEqual([]);
    expect(validateRubric([c('A', 1 / 3), c('B', 1 / 3), c('C', 1 / 3)])).toEqual([]);
  });

  it('names the field at fault', () => {
    expect(validateRubric([c('A', 0.5), c('B', 0.4)]).map((p) => p.field)).toEqual(['criteria']);
    expect(validateRubric([c('A', 1.2), c('B', -0.2)]).map((p) => p.field)).toContain(
      'criteria.1.weight',
    );
    expect(validateRubric([c('A', 0.5), c('A', 0.5)]).map((p) => p.field)).toContain(
      'criteria.1.code',
    );
    expect(validateRubric([c('A', 1, 0)]).map((p) => p.field)).toContain('criteria.0.maxScore');
    expect(validateRubric([]).map((p) => p.field)).toEqual(['criteria']);
  });
});
