// The one exception type of the domain. Each carries a code from the
// catalogue (errors/error-codes.ts) with its params, which clients turn into a
// sentence, and an English `message` for logs and API readers. The HTTP layer
// maps the code's kind to a status once (apps/api/src/common/http-exception.filter.ts);
// processors treat every kind as unrecoverable.
import { ERROR_CODES, ErrorCode, ErrorKind, ErrorParams, ResourceName } from './errors/error-codes';

/** Kept for callers that name a kind; every kind of the catalogue is one. */
export type DomainErrorKind = ErrorKind;

/** One field's problem: an item of the error body's `details`. */
export interface FieldProblem {
  field: string;
  message: string;
  /** A catalogue code (FIELD_* or a domain one); FIELD_INVALID when absent. */
  code?: ErrorCode;
  params?: Record<string, unknown>;
}

/** A field's problem with its code and typed params. */
export function fieldProblem<C extends ErrorCode>(
  field: string,
  code: C,
  message: string,
  ...params: [ErrorParams<C>] extends [undefined] ? [] : [ErrorParams<C>]
): FieldProblem {
  const problem: FieldProblem = { field, code, message };
  if (params[0] !== undefined) problem.params = params[0];
  return problem;
}

type OfArgs<C extends ErrorCode> = [ErrorParams<C>] extends [undefined]
  ? [message?: string, details?: FieldProblem[]]
  : [params: ErrorParams<C>, message?: string, details?: FieldProblem[]];

// The code a legacy helper (kind only) answers with.
const CODE_OF_KIND: Record<ErrorKind, ErrorCode> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE: 'UNPROCESSABLE',
  RANGE_NOT_SATISFIABLE: 'FILE_RANGE_NOT_SATISFIABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL_ERROR',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly params?: Record<string, unknown>;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: FieldProblem[] = [],
    code?: ErrorCode,
    params?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code =
      code ?? (details.length && kind === 'BAD_REQUEST' ? 'VALIDATION_FAILED' : CODE_OF_KIND[kind]);
    if (this.code === 'VALIDATION_FAILED' && !params)
      params = { fields: [...new Set(details.map((d) => d.field))] };
    if (params !== undefined) this.params = params;
  }

  /**
   * A refusal by its catalogue code: `DomainError.of('ROUND_HAS_DRAFTS', { drafts }, 'English
   * message', details?)`; a code without params takes `(code, message?, details?)`.
   */
  static of<C extends ErrorCode>(code: C, ...args: OfArgs<C>): DomainError {
    const bare = args[0] === undefined || typeof args[0] === 'string';
    const params = bare ? undefined : (args[0] as Record<string, unknown>);
    const rest = (bare ? args : args.slice(1)) as [string?, FieldProblem[]?];
    const message = rest[0] ?? code.toLowerCase().replace(/_/g, ' ');
    return new DomainError(ERROR_CODES[code].kind, message, rest[1] ?? [], code, params);
  }

  /** Whether `e` is a 404 refusal (not an outage or any other failure). */
  static isNotFound(e: unknown): e is DomainError {
    return e instanceof DomainError && e.kind === 'NOT_FOUND';
  }

  // No kind-only helpers (conflict, unprocessable, …): every refusal names its
  // own catalogue code with the params a page needs for its sentence.
  static notFound(what: ResourceName, id?: string): DomainError {
    return DomainError.of(
      'NOT_FOUND',
      { resource: what },
      id ? `${what} ${id} not found` : `${what} not found`,
    );
  }
}
