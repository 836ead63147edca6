import { createHmac } from 'node:crypto';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

// Hand-made JWTs for the tests that try what an attacker would: another
// algorithm, no signature, no expiry.
export function forgeJwt(
  payload: Record<string, unknown>,
  secret: string,
  alg: 'HS256' | 'HS384' | 'none' = 'HS256',
): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${head}.`;
  const digest = alg === 'HS256' ? 'sha256' : 'sha384';
  return `${head}.${createHmac(digest, secret).update(head).digest('base64url')}`;
}

export const decodeJwt = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
