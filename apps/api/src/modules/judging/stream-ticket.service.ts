import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, createSecretKey, KeyObject } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';

export const STREAM_TICKET_AUDIENCE = 'ranking-stream';
export const STREAM_TICKET_TTL_S = 15 * 60;

interface TicketClaims {
  sub: string;
  aud: string;
  purpose: string;
}

/**
 * Tickets that open one round's roadshow stream without a login: the big
 * screen's URL carries one. Signed with a key derived from JWT_SECRET for
 * this purpose only (so no access-token check can accept one, and no access
 * token opens the screen), with the round as subject and their own audience.
 */
@Injectable()
export class StreamTicketService {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = createSecretKey(
      createHmac('sha256', config.JWT_SECRET).update('roadshow stream ticket v1').digest(),
    );
  }

  async issue(roundId: string): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = await this.jwt.signAsync(
      { purpose: 'screen' },
      {
        secret: this.key as unknown as string,
        subject: roundId,
        audience: STREAM_TICKET_AUDIENCE,
        expiresIn: STREAM_TICKET_TTL_S,
      },
    );
    return { ticket, expiresAt: new Date(Date.now() + STREAM_TICKET_TTL_S * 1000) };
  }

  /** True only for an unexpired ticket of this very round. */
  async accepts(ticket: string | undefined, roundId: string): Promise<boolean> {
    if (!ticket) return false;
    try {
      const claims = await this.jwt.verifyAsync<TicketClaims>(ticket, {
        secret: this.key as unknown as string,
        audience: STREAM_TICKET_AUDIENCE,
        subject: roundId,
      });
      return claims.purpose === 'screen';
    } catch {
      return false;
    }
  }
}
