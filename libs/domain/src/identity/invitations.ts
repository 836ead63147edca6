// Where an account's invitation stands, for the organiser who sent it: the
// judge has set a password (ACCEPTED), the link still works (PENDING), or it
// ran out unused (EXPIRED) and the organiser should send a new one.

export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'EXPIRED'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationRecord {
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface InvitationState {
  status: InvitationStatus;
  sentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
}

/**
 * The state of the latest invitation; null for an account that never had one
 * (signed up, or created with a password). A password set any way (the
 * invitation's link, or a reset mail after it ran out) counts as accepted:
 * the account is usable.
 */
export function invitationState(
  latest: InvitationRecord | null,
  passwordSet: boolean,
  now: Date,
): InvitationState | null {
  if (!latest) return null;
  const status: InvitationStatus =
    passwordSet || latest.usedAt ? 'ACCEPTED' : latest.expiresAt > now ? 'PENDING' : 'EXPIRED';
  return {
    status,
    sentAt: latest.createdAt,
    expiresAt: latest.expiresAt,
    acceptedAt: latest.usedAt,
  };
}

/** Why a new invitation cannot be sent to this account, or null when it can. */
export function resendRefusal(account: {
  passwordSet: boolean;
  disabled: boolean;
}): { code: 'INVITATION_ACCOUNT_DISABLED' | 'INVITATION_PASSWORD_SET'; message: string } | null {
  if (account.disabled)
    return {
      code: 'INVITATION_ACCOUNT_DISABLED',
      message: 'this account is disabled: enable it before inviting again',
    };
  if (account.passwordSet)
    return {
      code: 'INVITATION_PASSWORD_SET',
      message:
        'this account has already set its password: a forgotten one is reset from the login page',
    };
  return null;
}
