import type { components, paths } from './schema';
import { ApiError } from './errors';
import { CSRF_HEADERS, session } from './token-store';

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
