// The one exception type of the domain. The HTTP layer maps `kind` to a status
// once (apps/api/src/common/domain-exception.filter.ts); processors treat every
// kind as unrecoverable.
export type DomainErrorKind =
  'BAD_REQUEST' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNPROCESSABLE';

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, id?: string): DomainError {
    return new DomainError('NOT_FOUND', id ? `${what} ${id} not found` : `${what} not found`);
  }
  static conflict(message: string): DomainError {
    return new DomainError('CONFLICT', message);
  }
  static forbidden(message: string): DomainError {
    return new DomainError('FORBIDDEN', message);
  }
  static unprocessable(message: string, details: FieldProblem[] = []): DomainError {
    return new DomainError('UNPROCESSABLE', message, details);
  }
  static badRequest(message: string, details: FieldProblem[] = []): DomainError {
    return new DomainError('BAD_REQUEST', message, details);
  }
}
