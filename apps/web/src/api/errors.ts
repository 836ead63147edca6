import type { TFunction } from 'i18next';

export interface FieldError {
  field: string;
  message: string;
}

/** An answer other than 2xx (status 0: the request never got an answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const b = (body ?? {}) as { message?: unknown; details?: unknown };
    const message = typeof b.message === 'string' ? b.message : `HTTP ${status}`;
    const details = Array.isArray(b.details) ? (b.details as FieldError[]) : [];
    return new ApiError(status, message, details);
  }

  static network(cause: unknown): ApiError {
    return new ApiError(0, cause instanceof Error ? cause.message : String(cause));
  }

  get isNetwork(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/**
 * What to show the reader: a sentence in their language for the status, and
 * the server's own message (which names the field or the rule) beside it.
 */
export function describeError(error: unknown, t: TFunction): { title: string; detail?: string } {
  if (!(error instanceof ApiError)) return { title: t('errors.unexpected') };
  if (error.status === 0) return { title: t('errors.network') };
  const known = [400, 401, 403, 404, 409, 422, 429, 503];
  const title = t(known.includes(error.status) ? `errors.${error.status}` : 'errors.unexpected');
  const fields = error.details.map((d) => `${d.field}: ${d.message}`).join('; ');
  return { title, detail: fields || error.message };
}
