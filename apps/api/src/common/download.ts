export const CSV_TYPE = 'text/csv; charset=utf-8';

/** What a download handler needs of Fastify's reply. */
export interface HeaderSink {
  header(key: string, value: string): unknown;
}

/**
 * Marks the answer as a file download: its type, an ASCII file name for old
 * clients and the real (often Chinese) one per RFC 6266.
 */
export function attachment(reply: HeaderSink, type: string, asciiName: string, name = asciiName) {
  reply.header('content-type', type);
  reply.header(
    'content-disposition',
    `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  );
}
