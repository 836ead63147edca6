import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { REPO_ROOT } from './env';
import { HttpResult, Stack } from './stack';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A PDF of `pages` pages, each saying its number; `padTo` bytes long at least (trailing padding). */
export async function makePdf(pages = 3, padTo = 0, label = 'BP'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 1; i <= pages; i++)
    doc.addPage([595, 842]).drawText(`${label} page ${i}`, { x: 50, y: 700 });
  const bytes = Buffer.from(await doc.save());
  return bytes.length >= padTo
    ? bytes
    : Buffer.concat([bytes, Buffer.alloc(padTo - bytes.length, '%')]);
}

export const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64),
]);

// A Windows program (MZ, then a PE header), to be renamed .pdf.
export const EXE = (() => {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

/** The page texts of a PDF, read by pdf.js in its own process. */
export function pdfText(bytes: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    const out = execFileSync(
      process.execPath,
      [join(REPO_ROOT, 'tests/support/pdf-text.mjs'), file],
      {
        encoding: 'utf8',
      },
    );
    return JSON.parse(out) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POST /projects/:id/files: the part "field", then the part "file", as the web client sends them. */
export async function uploadFile<T = any>(
  stack: Stack,
  projectId: string,
  field: string,
  name: string,
  bytes: Buffer,
  token: string,
  query = '',
): Promise<HttpResult<T>> {
  const form = new FormData();
  form.append('field', field);
  form.append('file', new Blob([bytes]), name);
  const res = await fetch(`${stack.apiUrl}/projects/${projectId}/files${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function fetchFile(stack: Stack, fileId: string, token: string, query = '') {
  const res = await fetch(`${stack.apiUrl}/files/${fileId}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    json: () => JSON.parse(bytes.toString('utf8')),
  };
}

// An upload whose connection drops part way: the multipart body is declared
// whole, half of it is sent, then the socket is destroyed.
export async function droppedUpload(
  stack: Stack,
  projectId: string,
  field: string,
  bytes: Buffer,
  token: string,
): Promise<void> {
  const boundary = `----drop${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\n${field}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bp.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(`${stack.apiUrl}/projects/${projectId}/files`);
  await new Promise<void>((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.write(head);
    req.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
  });
}

/** An MP4 (an ftyp box the sniffer knows, then padding) of `size` bytes. */
export function makeMp4(size: number): Buffer {
  const head = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');
  const out = Buffer.alloc(size, 7);
  head.copy(out, 0);
  out.write('mdat', 32, 'latin1');
  return out;
}

/** PATCH /uploads/:id: the next bytes of a resumable upload at `offset`. */
export async function patchChunk<T = any>(
  stack: Stack,
  uploadId: string,
  offset: number,
  bytes: Buffer,
  token: string,
): Promise<HttpResult<T>> {
  const res = await fetch(`${stack.apiUrl}/uploads/${uploadId}`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    },
    body: bytes,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A PATCH whose connection drops after `sent` of the chunk's bytes. */
export async function droppedChunk(
  stack: Stack,
  uploadId: string,
  offset: number,
  bytes: Buffer,
  sent: number,
  token: string,
): Promise<void> {
  const url = new URL(`${stack.apiUrl}/uploads/${uploadId}`);
  await new Promise<void>((resolve) => {
    const req = request(url, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'content-length': String(bytes.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.write(bytes.subarray(0, sent), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
  });
}
