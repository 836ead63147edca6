import { DomainEvent, EventName, EventPayloads } from '@app/events';
import { DEFAULT_TIME_ZONE } from '@app/domain';
import { INVITATION_TOKEN_SLOT, MailType, TemplateData } from '@app/mail';

export interface PlannedMail<T extends MailType = MailType> {
  type: T;
  recipient: string;
  locale: string;
  data: TemplateData[T];
}

// Events routed to the notifications queue; the others never reach a planner.
type MailEvent = Exclude<EventName, 'judging.scores-changed' | 'judging.round-closed'>;

type Planner<N extends EventName> = (
  payload: EventPayloads[N],
  ctx: { publicUrl: string },
) => PlannedMail[];

// The web client's set-password page (apps/web), for invitations and resets.
// The token is not written into the stored mail: the sender fills the slot
// from the event just before SMTP (see INVITATION_TOKEN_SLOT).
const setPasswordLink = (publicUrl: string, _token: string) =>
  `${publicUrl.replace(/\/$/, '')}/set-password?token=${INVITATION_TOKEN_SLOT}`;

// The judge's list of a round's projects (apps/web, /judge/rounds/:roundId).
const judgeRoundLink = (publicUrl: string, roundId: string) =>
  `${publicUrl.replace(/\/$/, '')}/judge/rounds/${roundId}`;

// The public 公示 page (apps/web, /public/publicity/:id): no sign-in.
const publicityLink = (publicUrl: string, publicityId: string) =>
  `${publicUrl.replace(/\/$/, '')}/public/publicity/${publicityId}`;

// One mail per address and event: identical objections merged into one
// answer may come from the same person.
const onePerAddress = (mails: PlannedMail[]): PlannedMail[] => {
  const seen = new Set<string>();
  return mails.filter((m) => {
    const key = m.recipient.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

// Which mails each event causes. A typed Record: declaring a new event that is
// routed to the notifications queue without deciding its mails fails to compile.
const planners: { [N in MailEvent]: Planner<N> } = {
  'identity.user-signed-up': (p) => [
    { type: 'SIGNUP', recipient: p.user.email, locale: p.user.locale, data: { name: p.user.name } },
  ],
  'identity.user-invited': (p, ctx) => [
    {
      type: 'INVITATION',
      recipient: p.user.email,
      locale: p.user.locale,
      data: {
        name: p.user.name,
        link: setPasswordLink(ctx.publicUrl, p.token),
        expiresAt: p.expiresAt,
        invitedByName: p.invitedByName,
        timeZone: p.timeZone ?? DEFAULT_TIME_ZONE,
      },
    },
  ],
  'identity.password-reset-requested': (p, ctx) => [
    {
      type: 'PASSWORD_RESET',
      recipient: p.user.email,
      locale: p.user.locale,
      data: {
        name: p.user.name,
        link: setPasswordLink(ctx.publicUrl, p.token),
        expiresAt: p.expiresAt,
        // Not about one competition: the platform's default zone.
        timeZone: DEFAULT_TIME_ZONE,
      },
    },
  ],
  'registration.project-submitted': (p) => [
    {
      type: 'PROJECT_SUBMITTED',
      recipient: p.owner.email,
      locale: p.owner.locale,
      data: { name: p.owner.name, title: p.title, competitionName: p.competitionName },
    },
  ],
  'registration.eligibility-released': (p) =>
    p.owners.map(({ owner, correction, items }) => ({
      type: 'ELIGIBILITY_DECISION' as const,
      recipient: owner.email,
      locale: owner.locale,
      data: { name: owner.name, competitionName: p.competitionName, correction, items },
    })),
  // Written when the round opens (or a judge is first given projects in an
  // open round), one entry per judge it has not mailed for the round yet
  // (planAssignmentMails): one mail each, with the link to the judge's list.
  'judging.judges-assigned': (p, ctx) =>
    p.judges.map(({ judge, projectCount }) => ({
      type: 'JUDGE_ASSIGNMENT' as const,
      recipient: judge.email,
      locale: judge.locale,
      data: {
        name: judge.name,
        roundName: p.roundName,
        heatName: p.heatName,
        projectCount,
        closesAt: p.closesAt,
        timeZone: p.timeZone ?? DEFAULT_TIME_ZONE,
        link: judgeRoundLink(ctx.publicUrl, p.roundId),
      },
    })),
  'judging.reminder-requested': (p) =>
    p.judges.map(({ judge, missingTitles }) => ({
      type: 'SCORE_REMINDER' as const,
      recipient: judge.email,
      locale: judge.locale,
      data: {
        name: judge.name,
        roundName: p.roundName,
        heatName: p.heatName,
        missingTitles,
        closesAt: p.closesAt,
        timeZone: p.timeZone ?? DEFAULT_TIME_ZONE,
      },
    })),
  'heats.results-released': (p) =>
    p.owners.map(({ owner, correction, results }) => ({
      type: 'ADVANCEMENT_RESULT' as const,
      recipient: owner.email,
      locale: owner.locale,
      data: {
        name: owner.name,
        heatName: p.heatName,
        competitionName: p.competitionName,
        correction,
        final: p.final ?? false,
        timeZone: p.timeZone ?? DEFAULT_TIME_ZONE,
        results,
        nextHeat: p.nextHeat,
      },
    })),
  'judging.objection-decided': (p) => [
    {
      type: 'OBJECTION_DECISION' as const,
      recipient: p.owner.email,
      locale: p.owner.locale,
      data: {
        name: p.owner.name,
        roundName: p.roundName,
        projectTitle: p.projectTitle,
        decision: p.decision,
        reason: p.reason,
      },
    },
  ],
  'signing.status-changed': (p) => [
    {
      type: 'SIGNING_UPDATE' as const,
      recipient: p.owner.email,
      locale: p.owner.locale,
      data: {
        name: p.owner.name,
        projectTitle: p.projectTitle,
        host: p.host,
        to: p.to,
        // Only the message meant for the applicant; internal notes stay internal.
        message: p.message ?? null,
      },
    },
  ],
  'imports.account-named': (p) => [
    {
      type: 'ACCOUNT_NAMED',
      recipient: p.account.email,
      locale: p.account.locale,
      data: {
        name: p.account.name,
        competitionName: p.competitionName,
        organiserName: p.organiserName,
        role: p.role,
        projectTitle: p.projectTitle,
      },
    },
  ],
  // Due process (docs/due-process.md): one mail per person per event.
  'due-process.publicity-started': (p, ctx) =>
    p.owners.map(({ owner, titles }) => ({
      type: 'PUBLICITY_STARTED' as const,
      recipient: owner.email,
      locale: owner.locale,
      data: {
        name: owner.name,
        competitionName: p.competitionName,
        heatName: p.heatName,
        titles,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        timeZone: p.timeZone,
        link: publicityLink(ctx.publicUrl, p.publicityId),
        organiserContact: p.organiserContact,
        supervisorContact: p.supervisorContact,
      },
    })),
  'due-process.publicity-final': (p) =>
    p.owners.map(({ owner, titles }) => ({
      type: 'PUBLICITY_FINAL' as const,
      recipient: owner.email,
      locale: owner.locale,
      data: { name: owner.name, competitionName: p.competitionName, heatName: p.heatName, titles },
    })),
  'due-process.objection-filed': (p) =>
    p.objector.email
      ? [
          {
            type: 'OBJECTION_RECEIPT' as const,
            recipient: p.objector.email,
            locale: p.objector.locale,
            data: {
              name: p.objector.name,
              competitionName: p.competitionName,
              heatName: p.heatName,
              receipt: p.receipt,
              filedAt: p.filedAt,
              timeZone: p.timeZone,
            },
          },
        ]
      : [],
  'due-process.objection-decided': (p) =>
    onePerAddress(
      p.objectors.flatMap((o) =>
        o.email
          ? [
              {
                type: 'OBJECTION_OUTCOME' as const,
                recipient: o.email,
                locale: o.locale,
                data: {
                  name: o.name,
                  competitionName: p.competitionName,
                  heatName: p.heatName,
                  receipt: o.receipt,
                  outcome: p.outcome,
                  reasons: p.reasons,
                },
              },
            ]
          : [],
      ),
    ),
  'due-process.place-changed': (p, ctx) => [
    ...(p.lost
      ? [
          {
            type: 'PLACE_LOST' as const,
            recipient: p.lost.owner.email,
            locale: p.lost.owner.locale,
            data: {
              name: p.lost.owner.name,
              competitionName: p.competitionName,
              heatName: p.heatName,
              title: p.lost.title,
              why: p.lost.why,
              reason: p.lost.reason,
            },
          },
        ]
      : []),
    ...(p.offered
      ? [
          {
            type: 'PLACE_OFFERED' as const,
            recipient: p.offered.owner.email,
            locale: p.offered.owner.locale,
            data: {
              name: p.offered.owner.name,
              competitionName: p.competitionName,
              heatName: p.heatName,
              title: p.offered.title,
              deadline: p.offered.deadline,
              timeZone: p.timeZone,
              link: `${ctx.publicUrl.replace(/\/$/, '')}/applicant`,
            },
          },
        ]
      : []),
  ],
  'due-process.appeal-decided': (p) => [
    {
      type: 'APPEAL_OUTCOME' as const,
      recipient: p.owner.email,
      locale: p.owner.locale,
      data: {
        name: p.owner.name,
        competitionName: p.competitionName,
        heatName: p.heatName,
        title: p.title,
        outcome: p.outcome,
        reasons: p.reasons,
        result: p.result,
      },
    },
  ],
  'due-process.diligence-decided': (p) => [
    {
      type: 'DILIGENCE_OUTCOME' as const,
      recipient: p.owner.email,
      locale: p.owner.locale,
      data: {
        name: p.owner.name,
        competitionName: p.competitionName,
        heatName: p.heatName,
        title: p.title,
        outcome: p.outcome,
        findings: p.findings,
      },
    },
  ],
};

export function planMails(
  event: Pick<DomainEvent, 'type' | 'payload'>,
  ctx: { publicUrl: string },
): PlannedMail[] {
  const planner = planners[event.type as MailEvent] as Planner<EventName> | undefined;
  if (!planner) throw new Error(`no mails are planned for ${event.type}; check EVENT_CONSUMERS`);
  return planner(event.payload, ctx).map((m) => ({
    ...m,
    recipient: m.recipient.trim().toLowerCase(),
  }));
}
