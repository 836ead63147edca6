// The names the audit log and the notification log store: each audit action,
// the objects an audit row is about, and each mail type. Declared once here,
// shared by the api (appendAudit and the mail templates take only these) and
// the web console (apps/web/src/pages/console/audit-labels.ts gives each a
// label in both languages; its test fails on a name without one).
//
// Plain TypeScript with no imports: the web bundle reads this file as is.

/** Every `action` an audit row may carry. */
export const AUDIT_ACTIONS = [
  'award.tie-resolved',
  'competition.deleted',
  'competition.edited',
  'competition.organiser-added',
  'competition.organiser-removed',
  'competition.supervisor-appointed',
  'competition.supervisor-removed',
  'eligibility.released',
  'expert.imported',
  'expert.rated',
  'expert-draw.committed',
  'expert-draw.drawn',
  'expert-invitation.accepted',
  'expert-invitation.declined',
  'heat.advanced',
  'heat.advancement-rule-set',
  'heat.award-tiers-set',
  'heat.awarded',
  'heat.awards-assigned',
  'heat.edited',
  'heat.result-changed',
  'heat.results-released',
  'import.judges',
  'import.projects',
  'pledge.accepted',
  'pledge.set',
  'project.reviewed',
  'registration-form.saved',
  'round.double-marking-set',
  'round.edited',
  'round.third-expert-assigned',
  'round.checked-in-at-desk',
  'round.force-closed',
  'round.objection-decided',
  'round.objection-raised',
  'round.result-confirmed',
  'round.sheet-signed',
  'round.judge-passes-issued',
  'round.judge-pass-revoked',
  'round.meeting-link-set',
  'round.rooms-set',
  'round.supervisor-note-added',
  'round.pitch-order-drawn',
  'round.pitch-order-redrawn',
  'round.pitch-seed-committed',
  'round.project-absent',
  'round.qa-extended',
  'round.roadshow-settings-changed',
  'round.score-revealed',
  'round.screen-ticket-issued',
  'round.screen-ticket-revoked',
  'rubric.edited',
  'score.removed-by-conflict',
  'score.removed-with-assignment',
  'score.reopened',
  'signing.created',
  'signing.transitioned',
  'user.access-changed',
  'user.invitation-resent',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The kinds of object an audit row names (`entityType`). */
export const AUDIT_ENTITY_TYPES = [
  'competition',
  'expert',
  'expert-draw',
  'heat',
  'import',
  'project',
  'round',
  'rubric',
  'score',
  'signing',
  'user',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Every mail the notification log lists (`type`); libs/mail has a template for each. */
export const MAIL_TYPES = [
  'ACCOUNT_NAMED',
  'ADVANCEMENT_RESULT',
  'ELIGIBILITY_DECISION',
  'INVITATION',
  'JUDGE_ASSIGNMENT',
  'OBJECTION_DECISION',
  'PASSWORD_RESET',
  'PROJECT_SUBMITTED',
  'SCORE_REMINDER',
  'SIGNING_UPDATE',
  'SIGNUP',
] as const;
export type MailType = (typeof MAIL_TYPES)[number];
