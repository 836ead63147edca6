import { isDatabaseUnavailable } from './db-unavailable';

describe('isDatabaseUnavailable', () => {
  it('recognises a restart, a terminated backend and refused connections', () => {
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(
      isDatabaseUnavailable({ code: '57P03', message: 'the database system is starting up' }),
    ).toBe(true);
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('looks through Prisma wrappers and causes', () => {
    expect(isDatabaseUnavailable({ code: 'P1001', message: "Can't reach database server" })).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable({
        code: 'P2010',
        meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } },
      }),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: { code: 'ECONNRESET' } }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable({ errors: [{ code: 'ECONNREFUSED' }] })).toBe(true);
    // A sign-up rush: no pool connection for an interactive transaction within maxWait.
    expect(
      isDatabaseUnavailable({
        code: 'P2028',
        message: 'Transaction API error: Unable to start a transaction in the given time.',
      }),
    ).toBe(true);
  });

  it('takes insufficient resources (disk full, out of memory, connection slots) for an outage', () => {
    for (const code of ['53000', '53100', '53200', '53300'])
      expect(isDatabaseUnavailable({ code, message: 'insufficient resources' })).toBe(true);
    // As Prisma's driver adapter wraps a SQLSTATE it has no kind for.
    expect(
      isDatabaseUnavailable({
        code: 'P2010',
        meta: {
          driverAdapterError: {
            cause: { originalCode: '53100', kind: 'postgres', code: '53100', message: 'x' },
          },
        },
      }),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error('could not extend file "base/16384/2619": No space left on device'),
      ),
    ).toBe(true);
  });

  it('does not take statement errors or bugs for an outage', () => {
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key' })).toBe(false);
    expect(isDatabaseUnavailable({ code: 'P2002' })).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
