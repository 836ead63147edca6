import { classifySmtpError, messageIdFor } from './mail.transport';

describe('mail transport helpers', () => {
  it('treats 5xx as permanent and 4xx or network errors as transient', () => {
    expect(classifySmtpError({ responseCode: 550, message: 'mailbox unavailable' }).permanent).toBe(
      true,
    );
    expect(classifySmtpError({ responseCode: 451, message: 'try later' }).permanent).toBe(false);
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).permanent).toBe(false);
  });

  it('takes 530/535 for a configuration fault to retry after the fix, not a bad mailbox', () => {
    for (const failure of [
      { responseCode: 535, code: 'EAUTH', message: 'authentication failed' },
      { responseCode: 530, message: 'authentication required' },
      { code: 'EAUTH', message: 'Invalid login' },
    ]) {
      expect(classifySmtpError(failure)).toMatchObject({ permanent: false, auth: true });
    }
    expect(classifySmtpError({ responseCode: 550 }).auth).toBe(false);
  });

  it('takes a reply timeout or a lost connection for "in doubt", a refused connection or any reply not', () => {
    const inDoubt = (e: object) => classifySmtpError(e).inDoubt;
    expect(inDoubt({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT', command: 'CONN' })).toBe(
      true,
    );
    expect(inDoubt({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' })).toBe(true);
    expect(inDoubt({ code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' })).toBe(false);
    expect(inDoubt({ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' })).toBe(false);
    expect(inDoubt({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' })).toBe(false);
    expect(inDoubt({ responseCode: 451, message: 'try later' })).toBe(false);
    expect(inDoubt({ responseCode: 550 })).toBe(false);
    expect(inDoubt({ code: 'EAUTH' })).toBe(false);
  });

  it('derives the Message-ID from the notification id and the sender domain', () => {
    expect(messageIdFor('n-1', '大赛组委会 <noreply@jiangyin.example>')).toBe(
      '<n-1@jiangyin.example>',
    );
    expect(messageIdFor('n-1', 'nobody')).toBe('<n-1@roadshow.local>');
  });
});
