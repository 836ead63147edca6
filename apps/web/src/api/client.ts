import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { CSRF_HEADERS, session } from './token-store';
import { ApiError } from './errors';

/**
 * The one typed client of the API. Paths and bodies come from `schema.d.ts`,
 * which the build generates from the api's OpenAPI document
 * (scripts/export-openapi.ts + openapi-typescript), never written by hand.
 */
export const api = createClient<paths>({ baseUrl: '' });

const sessionCookie: Middleware = {
  onRequest({ request }) {
    // The session itself is the HttpOnly cookie the browser adds; this header
    // is what the api asks of a cookie-authenticated change (CSRF).
    for (const [name, value] of Object.entries(CSRF_HEADERS)) request.headers.set(name, value);
    return request;
  },
  onResponse({ response }) {
    // A session the server no longer accepts: forget it so the app asks to log in.
    if (response.status === 401 && session.active()) session.end();
    return response;
  },
};
api.use(sessionCookie);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer, else an ApiError (also for a network failure). */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (e) {
    throw ApiError.network(e);
  }
  if (result.response.ok) return result.data as T;
  throw ApiError.from(result.response.status, result.error);
}
