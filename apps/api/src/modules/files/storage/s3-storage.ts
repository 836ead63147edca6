import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { DomainError } from '@app/domain';
import { FileStorage } from './file-storage';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

// Any S3-compatible store (MinIO, s3rver in the tests): several api hosts
// share it. Uploads stream as multipart (5 MiB parts, 2 in flight, so memory
// stays ~10 MiB per upload whatever the size); an aborted or failed upload is
// aborted on the store, which discards its parts: no object, no half file.
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // Checksums the SDK adds by default (CRC32 trailers) are not understood
      // by every S3-compatible server; the sha256 is ours anyway.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: body },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
      leavePartsOnError: false,
    });
    // A source stream that fails (the client dropped, the size cap) ends the
    // upload: lib-storage would otherwise wait for more data.
    const failed = new Promise<never>((_, reject) =>
      body.once('error', (e) => {
        void upload.abort().catch(() => undefined);
        reject(e);
      }),
    );
    await Promise.race([upload.done(), failed]);
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          ...(range && { Range: `bytes=${range.start}-${range.end}` }),
        }),
      );
      return out.Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey) throw DomainError.notFound('file', key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
  }

  close(): void {
    this.client.destroy();
  }
}

/** The S3 settings from S3_URL (s3://KEY:SECRET@host:port/bucket?region=…&tls=false) or S3_*. */
export function s3SettingsFrom(env: {
  S3_URL?: string;
  S3_ENDPOINT?: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY?: string;
  S3_SECRET_KEY?: string;
  S3_REGION: string;
}): S3Settings | null {
  if (env.S3_URL) {
    const url = new URL(env.S3_URL);
    const tls = url.searchParams.get('tls') !== 'false';
    const bucket = url.pathname.replace(/^\/+/, '').split('/')[0];
    if (!bucket) throw new Error('S3_URL names no bucket (s3://KEY:SECRET@host:port/bucket)');
    return {
      endpoint: `${tls ? 'https' : 'http'}://${url.host}`,
      bucket,
      region: url.searchParams.get('region') ?? env.S3_REGION,
      accessKeyId: decodeURIComponent(url.username) || undefined,
      secretAccessKey: decodeURIComponent(url.password) || undefined,
    };
  }
  if (env.S3_ENDPOINT && env.S3_BUCKET) {
    return {
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY,
      secretAccessKey: env.S3_SECRET_KEY,
    };
  }
  return null;
}
