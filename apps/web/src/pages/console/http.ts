import { ApiError } from '../../api/errors';
import { CSRF_HEADERS, session } from '../../api/token-store';

/**
 * The console's requests. Same session cookie, header and error shape as the typed
 * client (api/client.ts); a plain fetch because most console answers are not
 * described in the OpenAPI document yet (their response DTOs come with the
 * operations issue), and several routes the console uses land in parallel.
 * Response shapes are declared once in ./types.ts.
 */
export async function http<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { ...CSRF_HEADERS };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload });
  } catch (e) {
    throw ApiError.network(e);
  }
  if (response.status === 401 && session.active()) session.end();
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw ApiError.from(response.status, json);
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** Downloads an export (CSV/XLSX) with the session cookie, under the server's file name. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(`/api/v1${path}`, { headers: CSRF_HEADERS });
  if (!response.ok) throw ApiError.from(response.status, await response.json().catch(() => ({})));
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A list route: `{ items }`. */
export async function items<T>(path: string): Promise<T[]> {
  return (await http<{ items: T[] }>('GET', path)).items;
}
