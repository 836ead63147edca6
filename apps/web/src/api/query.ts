import { MutationCache, QueryClient, useMutation } from '@tanstack/react-query';
import createQueryHooks from 'openapi-react-query';
import { api, call } from './client';
import { ApiError } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

// openapi-react-query throws an error answer's body as it came; every page
// reads an ApiError (status, code, params) instead, the same one `call` gives.
// So the hooks run on the one generated client through `call`.
const checked = { ...api } as typeof api;
for (const method of METHODS) {
  const send = api[method] as (...args: unknown[]) => Promise<{ response: Response }>;
  (checked as unknown as Record<Method, unknown>)[method] = async (...args: unknown[]) => {
    const result = send(...args);
    await call(result);
    return result;
  };
}

/**
 * Typed TanStack Query hooks over the generated client:
 * `$api.useQuery('get', '/api/v1/rounds/{id}', { params: { path: { id } } })`.
 * Errors are ApiError.
 */
export const $api = createQueryHooks(checked);

/** Retry only what may pass on a second try: no answer, or a gateway/outage status. */
function mayRetry(failures: number, error: unknown): boolean {
  return failures < 2 && error instanceof ApiError && error.isNetwork;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: mayRetry, staleTime: 5_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
    // After any change the server accepted, every cached answer may be out of
    // date (a review changes the funnel, a close the ranking): mark all stale,
    // refetch those on screen. Written once here rather than after each call.
    // A download (meta.changes: false) changes nothing.
    // Not awaited: the action is done when the server accepted it (a modal
    // closes, the page moves on); the refetches follow on their own.
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        if (mutation.meta?.changes !== false) void client.invalidateQueries();
      },
    }),
  });
  return client;
}

/**
 * One mutation slot for a page's actions, each a call on the generated
 * client: `run('close', () => call(api.POST(...)))`. `busy` names the
 * running action; `error` is the last refusal (an ApiError), shown by the
 * page's error alert, so `run` resolves to undefined on a refusal.
 * `changes: false` for reads such as downloads (no cache to refresh).
 */
export function useAction({ changes = true }: { changes?: boolean } = {}) {
  const mutation = useMutation({
    mutationFn: ({ run }: { key: string; run: () => Promise<unknown> }) => run(),
    meta: { changes },
  });
  return {
    run: <T>(key: string, run: () => Promise<T>): Promise<T | undefined> =>
      (mutation.mutateAsync({ key, run }) as Promise<T>).catch(() => undefined),
    busy: mutation.isPending ? mutation.variables?.key : undefined,
    error: mutation.error,
    reset: mutation.reset,
  };
}
