import { randomUUID } from 'node:crypto';
import { Stack } from './stack';

// A release-sized event straight into the outbox (as the api's release writes
// it): `count` owners, one eligibility mail each, to `<tag>-<i>@mail.test`.
// The worker's relay publishes it and the notifications processor plans and
// sends its mails; the fault tests need one event with many mails without
// `count` sign-ups first.
export async function releaseEvent(
  stack: Stack,
  tag: string,
  count: number,
): Promise<{ eventId: string; recipients: string[] }> {
  const eventId = randomUUID();
  const competitionId = randomUUID();
  const recipients = Array.from({ length: count }, (_, i) => `${tag}-${i}@mail.test`);
  const payload = {
    releaseId: randomUUID(),
    competitionId,
    competitionName: '故障测试大赛',
    owners: recipients.map((email, i) => ({
      owner: { userId: randomUUID(), email, name: `申请人${i}`, locale: 'zh-CN' },
      correction: false,
      items: [
        {
          projectId: randomUUID(),
          title: `项目${i}`,
          decision: 'ELIGIBLE',
          reason: null,
          previousDecision: null,
        },
      ],
    })),
  };
  await stack.sql(
    `INSERT INTO outbox_events (id, type, aggregate_id, payload)
     VALUES ($1, 'registration.eligibility-released', $2, $3::jsonb)`,
    [eventId, competitionId, JSON.stringify(payload)],
  );
  return { eventId, recipients };
}

// How many times each recipient got a mail, and under how many Message-IDs.
export function receipts(stack: Stack, recipients: string[]) {
  return recipients.map((r) => {
    const mails = stack.smtp.to(r);
    return {
      recipient: r,
      count: mails.length,
      messageIds: new Set(mails.map((m) => m.messageId)),
    };
  });
}
