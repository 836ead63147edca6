import { HttpResult, Stack } from './stack';

// Sends a file as multipart/form-data, part "file", the way a browser's upload form does.
export async function upload<T = any>(
  stack: Stack,
  route: string,
  fileName: string,
  bytes: Buffer | string,
  token: string,
): Promise<HttpResult<T>> {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : bytes]), fileName);
  const res = await fetch(`${stack.apiUrl}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: body as T };
}

export async function download(stack: Stack, route: string, token: string) {
  const res = await fetch(`${stack.apiUrl}${route}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}
