import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { RoleName } from '@app/domain';

export interface AccessTokenClaims {
  sub: string;
  roles: RoleName[];
  // The user's token version when it was signed (absent in tokens from before versions: 0).
  ver?: number;
  exp?: number;
  // The one-time sign-in pass (a judge's QR) the session came from, if any.
  pass?: string;
}

const MAX_ENTRIES = 20_000;

// Verifies access tokens, remembering the ones it has verified until they
// expire. A judge's phone sends the same token with every request; verifying
// its HMAC once per request, twice (the rate limiter keys by user, then the
// auth guard), was a measurable share of a score submit's CPU (docs/scale.md).
// The cache is keyed by the whole token string, so only a byte-identical
// token hits; its expiry is checked on every hit. Revocation is not decided
// here: the guard still checks the user's token version on every request.
@Injectable()
export class AccessTokenVerifier {
  private readonly verified = new Map<string, AccessTokenClaims>();

  constructor(private readonly jwt: JwtService) {}

  /** The token's claims, or null when it is invalid, expired or carries no sub/exp. */
  verify(token: string): AccessTokenClaims | null {
    const nowSeconds = Date.now() / 1000;
    const hit = this.verified.get(token);
    if (hit) {
      if ((hit.exp as number) > nowSeconds) return hit;
      this.verified.delete(token);
      return null;
    }
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    // jsonwebtoken accepts a token without `exp` as never expiring; ours always carry one.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') return null;
    if (this.verified.size >= MAX_ENTRIES) this.evictExpired(nowSeconds);
    this.verified.set(token, claims);
    return claims;
  }

  private evictExpired(nowSeconds: number): void {
    for (const [token, claims] of this.verified)
      if ((claims.exp as number) <= nowSeconds) this.verified.delete(token);
    // Still full of live tokens: drop the oldest half (insertion order).
    if (this.verified.size >= MAX_ENTRIES) {
      let drop = Math.floor(MAX_ENTRIES / 2);
      for (const token of this.verified.keys()) {
        if (drop-- <= 0) break;
        this.verified.delete(token);
      }
    }
  }
}
