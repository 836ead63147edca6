// What an uploaded file is, decided from its bytes (the files module sniffs
// them), and how it may be shown. Names and the browser's Content-Type are
// never trusted: a renamed .exe is an .exe.
import type { AcceptedFileKind } from '../registration-form/form.types';

// Sniffed MIME types per accepted kind. Old Office files (doc, xls, ppt) are
// OLE compound files: the sniffer names the container (x-cfb), not the program.
const KINDS: Record<AcceptedFileKind, readonly string[]> = {
  pdf: ['application/pdf'],
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif'],
  office: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/x-cfb',
  ],
  video: ['video/mp4'],
};

export function kindOfMime(mime: string | null | undefined): AcceptedFileKind | null {
  if (!mime) return null;
  for (const [kind, mimes] of Object.entries(KINDS) as [AcceptedFileKind, readonly string[]][]) {
    if (mimes.includes(mime)) return kind;
  }
  return null;
}

/** Whether bytes of this sniffed type may be stored in a field accepting these kinds. */
export function isAccepted(mime: string | null | undefined, accept: readonly AcceptedFileKind[]) {
  const kind = kindOfMime(mime);
  return kind !== null && accept.includes(kind);
}

// PDFs, images and MP4 video are shown in the page (a PDF in the viewer, a
// video in the player, which seeks by Range); anything else is a download, so
// a browser never renders uploaded HTML or script.
export function isInline(mime: string): boolean {
  const kind = kindOfMime(mime);
  return (
    kind === 'pdf' ||
    kind === 'video' ||
    (kind === 'image' && mime !== 'image/heic' && mime !== 'image/heif')
  );
}

/** The type an old Office file is served as, from its name, once the bytes said "OLE". */
export function servedType(sniffed: string, fileName: string): string {
  if (sniffed !== 'application/x-cfb') return sniffed;
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'doc') return 'application/msword';
  if (ext === 'xls') return 'application/vnd.ms-excel';
  if (ext === 'ppt') return 'application/vnd.ms-powerpoint';
  return 'application/octet-stream';
}

// A file name safe in a path, a ZIP entry and a header: no directories, no
// control characters, at most 120 characters; Chinese kept.
export function safeFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '_').trim();
  const trimmed = cleaned.replace(/^\.+/, '').slice(-120);
  return trimmed || fallback;
}
