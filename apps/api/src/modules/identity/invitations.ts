import { createHash, randomBytes } from 'node:crypto';
import { Invitation, Tx, User, appendEvent } from '@app/database';

// An invitation is a one-time token for POST /auth/password, mailed to a new
// account (and again, on request, while it has no password). The table keeps
// the token's hash; the raw token travels only inside the outbox row to the
// mailer.

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const recipientOf = (u: User) => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  locale: u.locale,
});

/** Creates the invitation row and its mail's event, in the caller's transaction. */
export async function issueInvitation(
  tx: Tx,
  user: User,
  invitedByName: string,
): Promise<Invitation> {
  const token = randomBytes(32).toString('base64url');
  // Sent now, valid for exactly the TTL from then.
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + INVITATION_TTL_MS);
  const invitation = await tx.invitation.create({
    data: { userId: user.id, tokenHash: sha256(token), createdAt, expiresAt },
  });
  await appendEvent(tx, 'identity.user-invited', user.id, {
    user: recipientOf(user),
    token,
    expiresAt: expiresAt.toISOString(),
    invitedByName,
  });
  return invitation;
}
