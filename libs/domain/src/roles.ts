export const ROLES = ['ADMIN', 'ORGANISER', 'JUDGE', 'APPLICANT', 'SUPERVISOR'] as const;
export type RoleName = (typeof ROLES)[number];

export interface Actor {
  id: string;
  roles: RoleName[];
}

export const hasRole = (actor: Actor, ...roles: RoleName[]): boolean =>
  roles.some((r) => actor.roles.includes(r));

// Which roles a creator may hand out through POST /users: an ADMIN any,
// an ORGANISER only JUDGE and SUPERVISOR (监督, appointed per competition).
export function assertMayGrantRoles(
  creator: Actor,
  requested: RoleName[],
): { roles: RoleName[]; message: string } | null {
  if (creator.roles.includes('ADMIN')) return null;
  if (creator.roles.includes('ORGANISER')) {
    const refused = requested.filter((r) => r !== 'JUDGE' && r !== 'SUPERVISOR');
    return refused.length
      ? {
          roles: refused,
          message: `an organiser may create judges and supervisors only, not ${refused.join(', ')}`,
        }
      : null;
  }
  return { roles: requested, message: 'only admins and organisers may create users' };
}
