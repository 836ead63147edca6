import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
// zxcvbn's scale: 0 too guessable … 4 very unguessable. 3 is "safely
// unguessable: moderate protection from an offline slow-hash scenario" and
// refuses every entry of its common-password lists and their variations.
export const PASSWORD_MIN_SCORE = 3;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
  // The default (100) tries every combination of look-alike substitutions:
  // ~0.4 s of event-loop time for a 24-character password, which stalled 30
  // concurrent signups. Two still catch "P@ssw0rd123"; ~20× cheaper.
  l33tMaxSubstitutions: 2,
});

// Why a password is refused, or null. `context` (the account's email and
// name) counts as guessable: "zhangwei2026" is weak for 张伟 <zhangwei@…>.
export function passwordProblem(password: string, context: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `password must be at least ${PASSWORD_MIN_LENGTH} characters / 密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const inputs = context
    .filter(Boolean)
    .flatMap((c) => [c, ...c.split(/[@.\s_-]+/)])
    .filter((c) => c.length >= 3);
  const result = estimator.check(password.slice(0, 100), inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `password is too easy to guess / 密码太容易被猜到${hint ? `: ${hint}` : ''}`;
}

/** At least 10 characters and not guessable (zxcvbn), judged with the object's email and name. */
export function IsStrongPassword(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    let problem: string | null = null;
    registerDecorator({
      name: 'isStrongPassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (typeof value !== 'string') return false;
          const o = args.object as { email?: unknown; name?: unknown };
          const context = [o.email, o.name].filter((x): x is string => typeof x === 'string');
          problem = passwordProblem(value, context);
          return problem === null;
        },
        defaultMessage: () => problem ?? 'password must be a string',
      },
    });
  };
}
