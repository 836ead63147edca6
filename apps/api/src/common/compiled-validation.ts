import { ValidationTypes, getMetadataStorage } from 'class-validator';
import type { ValidationArguments } from 'class-validator';

/**
 * class-validator, planned once per DTO class: which checks each property
 * runs, resolved from the decorators' metadata at the first request instead
 * of at every one. class-validator looks its metadata up, groups it and
 * builds a ValidationError per property on every call; in the roadshow's
 * score burst that was most of the validation stage's CPU.
 *
 * It only ever answers "this object passes": the same constraint instances
 * run with the same arguments, in class-validator's own order and rules
 * (ValidationExecutor: whitelist with forbidNonWhitelisted, conditional
 * decorators such as @IsOptional, `each`, nested DTOs). Whenever it is not
 * sure (an async constraint, a promise, groups, a decorator type it does not
 * plan) it answers false, and the caller runs class-validator itself, which
 * then builds the errors exactly as before. So a refusal is never produced
 * here, and an acceptance is one class-validator would give.
 *
 * Options it assumes: whitelist and forbidNonWhitelisted on, no groups,
 * forbidUnknownValues on, no skip*Properties (createValidationPipe's).
 */

type Metadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];
type Check = (value: unknown, args: ValidationArguments) => unknown;

interface PropertyPlan {
  name: string;
  conditions: ((object: object, value: unknown) => unknown)[];
  defined: Rule[];
  custom: Rule[];
  nested: boolean;
}
interface Rule {
  metadata: Metadata;
  checks: Check[];
}
interface ClassPlan {
  properties: PropertyPlan[];
  allowed: Set<string>;
}

const PLANNED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.WHITELIST,
  ValidationTypes.NESTED_VALIDATION,
]);

// null: a class this module does not plan (class-validator runs instead).
const plans = new WeakMap<object, ClassPlan | null>();

function planOf(ctor: object): ClassPlan | null {
  if (plans.has(ctor)) return plans.get(ctor)!;
  const storage = getMetadataStorage();
  // As ValidationExecutor.execute asks for a validate() without groups.
  const all = storage.getTargetValidationMetadatas(ctor as () => void, '', false, false, undefined);
  let plan: ClassPlan | null = null;
  const plannable =
    all.length > 0 && all.every((m) => PLANNED.has(m.type) && !m.groups?.length && !m.always);
  if (plannable) {
    const grouped = storage.groupByPropertyName(all);
    const rule = (m: Metadata): Rule | null => {
      const constraints = storage.getTargetValidatorConstraints(m.constraintCls);
      if (constraints.some((c) => c.async)) return null;
      return {
        metadata: m,
        checks: constraints.map((c) =>
          (c.instance as { validate: Check }).validate.bind(c.instance),
        ),
      };
    };
    const properties: PropertyPlan[] = [];
    let ok = true;
    for (const [name, ms] of Object.entries(grouped)) {
      const of = (type: string) => ms.filter((m) => m.type === type);
      const defined = of(ValidationTypes.IS_DEFINED).map(rule);
      const custom = of(ValidationTypes.CUSTOM_VALIDATION).map(rule);
      if (defined.includes(null) || custom.includes(null)) ok = false;
      properties.push({
        name,
        conditions: of(ValidationTypes.CONDITIONAL_VALIDATION).map(
          (m) => m.constraints[0] as (object: object, value: unknown) => unknown,
        ),
        defined: defined as Rule[],
        custom: custom as Rule[],
        nested: of(ValidationTypes.NESTED_VALIDATION).length > 0,
      });
    }
    if (ok) plan = { properties, allowed: new Set(Object.keys(grouped)) };
  }
  plans.set(ctor, plan);
  return plan;
}

// class-validator's customValidations for one rule: false on any failure or promise.
function passes(rule: Rule, object: object, value: unknown): boolean {
  const m = rule.metadata;
  if (m.validateIf && !m.validateIf(object, value)) return true;
  const args: ValidationArguments = {
    targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
    property: m.propertyName,
    object,
    value,
    constraints: m.constraints,
  };
  const each =
    m.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)
      ? value instanceof Map
        ? [...value.values()]
        : [...(value as Iterable<unknown>)]
      : null;
  for (const check of rule.checks) {
    for (const v of each ?? [value]) {
      const result = check(v, args);
      if (result instanceof Promise || !result) return false;
    }
  }
  return true;
}

// class-validator's nestedValidations: each item of an array, Set or Map, else the object itself.
function nestedPasses(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    const items =
      value instanceof Set
        ? [...value]
        : [...(value as unknown[] | Map<unknown, unknown>).values()];
    return items.every((item) => nestedPasses(item));
  }
  return value instanceof Object && acceptsWithoutErrors(value);
}

/**
 * True only when class-validator (with createValidationPipe's options) would
 * find no error in `object`; false means "run class-validator".
 */
export function acceptsWithoutErrors(object: object): boolean {
  const plan = planOf(object.constructor);
  if (!plan) return false;
  for (const key of Object.keys(object)) if (!plan.allowed.has(key)) return false;
  const record = object as Record<string, unknown>;
  for (const p of plan.properties) {
    const value = record[p.name];
    if (value instanceof Promise) return false;
    if (!p.conditions.every((c) => c(object, value))) continue;
    for (const rule of p.defined) if (!passes(rule, object, value)) return false;
    for (const rule of p.custom) if (!passes(rule, object, value)) return false;
    if (p.nested && !nestedPasses(value)) return false;
  }
  return true;
}
