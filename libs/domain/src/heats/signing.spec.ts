import { DomainError } from '../domain-error';
import {
  SIGNING_STATUSES,
  SigningStatus,
  isLandingOverdue,
  signingStats,
  transitionSigning,
} from './signing';

const kind = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).kind;
  }
  return 'OK';
};
const landed = { companyName: '江阴智感科技有限公司', registrationNo: '91320281MA1XXXXXXX' };

describe('transitionSigning', () => {
  it('allows exactly the forward path and cancelling what is not final', () => {
    const legal: [SigningStatus, SigningStatus][] = [
      ['INTENT', 'NEGOTIATING'],
      ['NEGOTIATING', 'SIGNED'],
      ['SIGNED', 'LANDED'],
      ['INTENT', 'CANCELLED'],
      ['NEGOTIATING', 'CANCELLED'],
      ['SIGNED', 'CANCELLED'],
    ];
    for (const from of SIGNING_STATUSES) {
      for (const to of SIGNING_STATUSES) {
        const expected = legal.some(([f, t]) => f === from && t === to) ? 'OK' : 'CONFLICT';
        expect([from, to, kind(() => transitionSigning(from, to, landed))]).toEqual([
          from,
          to,
          expected,
        ]);
      }
    }
  });

  it('needs the company name and registration number to land', () => {
    expect(kind(() => transitionSigning('SIGNED', 'LANDED', { companyName: 'x' }))).toBe(
      'UNPROCESSABLE',
    );
    expect(
      kind(() => transitionSigning('SIGNED', 'LANDED', { companyName: ' ', registrationNo: '1' })),
    ).toBe('UNPROCESSABLE');
  });
});

describe('isLandingOverdue', () => {
  const deadline = new Date('2026-12-01T00:00:00Z'); // a date column: 1 December
  it('is overdue from midnight in the competition’s zone, not from midnight UTC', () => {
    // 00:30 on 2 December in Beijing is 16:30 on 1 December in UTC.
    const justAfterMidnight = new Date('2026-12-01T16:30:00Z');
    expect(isLandingOverdue(deadline, 'SIGNED', justAfterMidnight, 'Asia/Shanghai')).toBe(true);
    expect(isLandingOverdue(deadline, 'SIGNED', justAfterMidnight, 'Europe/Berlin')).toBe(false);
    expect(
      isLandingOverdue(deadline, 'SIGNED', new Date('2026-12-01T15:59:00Z'), 'Asia/Shanghai'),
    ).toBe(false); // 23:59 on the day itself
    expect(isLandingOverdue('2026-12-01', 'INTENT', justAfterMidnight, null)).toBe(true);
  });

  it('is never overdue once landed or cancelled, or without a deadline', () => {
    const later = new Date('2027-03-01T00:00:00Z');
    expect(isLandingOverdue(deadline, 'LANDED', later, 'Asia/Shanghai')).toBe(false);
    expect(isLandingOverdue(deadline, 'CANCELLED', later, 'Asia/Shanghai')).toBe(false);
    expect(isLandingOverdue(null, 'SIGNED', later, 'Asia/Shanghai')).toBe(false);
  });
});

describe('signingStats', () => {
  it('counts signed as SIGNED + LANDED and computes both rates', () => {
    const f = (status: SigningStatus, heat = '华南赛区', track = 'IOT', enclave = '深圳飞地') => ({
      status,
      heat,
      track,
      enclave,
    });
    const stats = signingStats(
      [
        f('INTENT'),
        f('SIGNED'),
        f('LANDED'),
        f('LANDED', '华东赛区', 'AI', '上海飞地'),
        f('CANCELLED'),
      ],
      6,
    );
    expect(stats).toMatchObject({
      total: 5,
      signed: 3,
      landed: 2,
      signingRate: 0.5,
      landingRate: 0.6667,
    });
    expect(stats.byHeat['华南赛区']).toEqual({ total: 4, signed: 2, landed: 1, landingRate: 0.5 });
    expect(stats.byEnclave['上海飞地']).toEqual({ total: 1, signed: 1, landed: 1, landingRate: 1 });
    expect(signingStats([], 0)).toMatchObject({ signingRate: 0, landingRate: 0 });
  });
});
