import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { tokenStore } from './token-store';
import { ApiError } from './errors';

/**
 * The one typed client of the API. Paths and bodies come from `schema.d.ts`,
 * which the build generates from the api's OpenAPI document
 * (scripts/export-openapi.ts + openapi-typescript), never written by hand.
 */
export const api = createClient<paths>({ baseUrl: '' });

const bearer: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token && !request.headers.has('authorization'))
      request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // A token the server no longer accepts: forget it so the app asks to log in.
    if (response.status === 401 && tokenStore.get()) tokenStore.expire();
    return response;
  },
};
api.use(bearer);

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
