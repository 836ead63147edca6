// A secret a mail carries (an invitation token) is never stored in the mail
// row: the row keeps this slot, the sender fills it from the event just before
// speaking SMTP, and the event drops the secret once no mail of it is pending.
// URL-safe as it is, so it can stand inside a link.
export const INVITATION_TOKEN_SLOT = '__INVITATION_TOKEN__';

export function fillInvitationToken(body: string, token: string): string {
  return body.split(INVITATION_TOKEN_SLOT).join(encodeURIComponent(token));
}
