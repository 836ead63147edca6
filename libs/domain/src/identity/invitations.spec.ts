import { invitationState, resendRefusal } from './invitations';

describe('invitation state', () => {
  const now = new Date('2026-05-10T08:00:00Z');
  const sent = new Date('2026-05-05T08:00:00Z');
  const invitation = (expiresAt: string, usedAt: string | null = null) => ({
    createdAt: sent,
    expiresAt: new Date(expiresAt),
    usedAt: usedAt ? new Date(usedAt) : null,
  });

  it('is pending until it expires, expired after, to the millisecond', () => {
    expect(invitationState(invitation('2026-05-10T08:00:00.001Z'), false, now)?.status).toBe(
      'PENDING',
    );
    expect(invitationState(invitation('2026-05-10T08:00:00.000Z'), false, now)?.status).toBe(
      'EXPIRED',
    );
  });

  it('is accepted once the link was used, with when', () => {
    expect(
      invitationState(invitation('2026-05-12T08:00:00Z', '2026-05-06T09:30:00Z'), true, now),
    ).toEqual({
      status: 'ACCEPTED',
      sentAt: sent,
      expiresAt: new Date('2026-05-12T08:00:00Z'),
      acceptedAt: new Date('2026-05-06T09:30:00Z'),
    });
  });

  it('is accepted when a password was set another way after the link ran out', () => {
    const state = invitationState(invitation('2026-05-08T08:00:00Z'), true, now);
    expect(state).toMatchObject({ status: 'ACCEPTED', acceptedAt: null });
  });

  it('is absent for an account that never had an invitation', () => {
    expect(invitationState(null, true, now)).toBeNull();
    expect(invitationState(null, false, now)).toBeNull();
  });

  it('may be sent again only to an enabled account without a password', () => {
    expect(resendRefusal({ passwordSet: false, disabled: false })).toBeNull();
    expect(resendRefusal({ passwordSet: true, disabled: false })).toMatchObject({
      code: 'INVITATION_PASSWORD_SET',
    });
    expect(resendRefusal({ passwordSet: false, disabled: true })).toMatchObject({
      code: 'INVITATION_ACCOUNT_DISABLED',
    });
  });
});
