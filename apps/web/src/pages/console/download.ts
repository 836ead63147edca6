import { call } from '../../api/client';

interface FileAnswer {
  data?: Blob;
  error?: unknown;
  response: Response;
}

/**
 * Saves an export (CSV/XLSX) fetched through the generated client with
 * `parseAs: 'blob'`, under the file name the server gives.
 */
export async function saveFile(request: Promise<FileAnswer>, fallbackName: string): Promise<void> {
  const blob = await call(request); // an ApiError when refused or unanswered
  const { response } = await request;
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
