import type { components, paths } from './schema';
import { ApiError } from './errors';
import { CSRF_HEADERS, session } from './token-store';
import { api, call } from './client';

export type StoredFile = components['schemas']['StoredFileDto'];

// The route, checked against the generated schema: a renamed route fails to compile.
const UPLOAD_ROUTE: keyof paths = '/api/v1/projects/{id}/files';

/**
 * POST /projects/:id/files with upload progress, which fetch cannot report:
 * the one call of the web client that goes through XMLHttpRequest. The field
 * is named in the query, so a file past the field's cap is refused before
 * its bytes are sent. A dropped connection rejects with a network ApiError
 * (status 0): the server kept nothing, and the caller sends the file again.
 */
export function uploadProjectFile(
  projectId: string,
  fieldKey: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<StoredFile> {
  const url =
    UPLOAD_ROUTE.replace('{id}', encodeURIComponent(projectId)) +
    `?field=${encodeURIComponent(fieldKey)}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(CSRF_HEADERS)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(ApiError.network(new Error('upload interrupted')));
    xhr.onabort = () => reject(ApiError.network(new Error('upload cancelled')));
    xhr.ontimeout = xhr.onerror;
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's page
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as StoredFile);
      if (xhr.status === 401 && session.active()) session.end();
      reject(ApiError.from(xhr.status, body));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('field', fieldKey);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

type UploadSession = components['schemas']['UploadSessionDto'];

// The chunk routes, checked against the generated schema.
const CHUNK_ROUTE: keyof paths = '/api/v1/uploads/{id}';
/** Bytes per PATCH: a dropped connection costs at most this much again. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
// A dropped connection is retried this many times in a row, after 1 s, 2 s, 4 s…
const RETRIES = 5;

/** One PATCH /uploads/:id through XMLHttpRequest (for its progress). */
function sendChunk(
  uploadId: string,
  offset: number,
  chunk: Blob,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<UploadSession> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', CHUNK_ROUTE.replace('{id}', encodeURIComponent(uploadId)));
    for (const [name, value] of Object.entries(CSRF_HEADERS)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', 'application/offset+octet-stream');
    xhr.setRequestHeader('upload-offset', String(offset));
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onerror = () => reject(ApiError.network(new Error('upload interrupted')));
    xhr.onabort = () => reject(ApiError.network(new Error('upload cancelled')));
    xhr.ontimeout = xhr.onerror;
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's page
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as UploadSession);
      if (xhr.status === 401 && session.active()) session.end();
      reject(ApiError.from(xhr.status, body));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(chunk);
  });
}

/**
 * A resumable upload (the api's POST /projects/:id/uploads, then PATCH
 * /uploads/:id chunk by chunk): a dropped connection costs one chunk, not
 * the file. After a drop the server says where it stands (GET /uploads/:id)
 * and the upload continues from there; `onRetry` tells the page.
 */
export async function uploadResumable(
  projectId: string,
  fieldKey: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
  onRetry?: (attempt: number) => void,
): Promise<StoredFile> {
  let upload = await call(
    api.POST('/api/v1/projects/{id}/uploads', {
      params: { path: { id: projectId } },
      body: { field: fieldKey, name: file.name, size: file.size },
    }),
  );
  let failures = 0;
  for (;;) {
    if (upload.file) return upload.file;
    const offset = upload.offset;
    try {
      upload = await sendChunk(
        upload.id,
        offset,
        file.slice(offset, offset + CHUNK_BYTES),
        (sent) => onProgress(offset + sent, file.size),
        signal,
      );
      failures = 0;
    } catch (e) {
      if (signal?.aborted) throw e;
      // The server holds another offset (a chunk it kept though the answer was lost): go on from there.
      if (e instanceof ApiError && e.code === 'UPLOAD_OFFSET_MISMATCH') {
        upload = { ...upload, offset: Number(e.params.offset) };
        continue;
      }
      if (!(e instanceof ApiError && e.isNetwork) || failures >= RETRIES) throw e;
      failures++;
      onRetry?.(failures);
      await new Promise((r) => setTimeout(r, 1000 * 2 ** (failures - 1)));
      const id = upload.id;
      upload = await call(api.GET('/api/v1/uploads/{id}', { params: { path: { id } } })).catch(
        (err: unknown) => {
          if (err instanceof ApiError && err.isNetwork) return upload;
          throw err;
        },
      );
    }
  }
}
