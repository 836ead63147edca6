import { JwtService } from '@nestjs/jwt';
import { AccessTokenVerifier } from './access-token-verifier';

const jwt = new JwtService({
  secret: 'unit-secret-0123456789',
  signOptions: { algorithm: 'HS256', expiresIn: '1h' },
  verifyOptions: { algorithms: ['HS256'] },
});

describe('AccessTokenVerifier', () => {
  it('verifies a token once and answers later requests with it from memory', () => {
    const verifier = new AccessTokenVerifier(jwt);
    const spy = jest.spyOn(jwt, 'verify');
    const token = jwt.sign({ sub: 'u1', roles: ['JUDGE'], ver: 2 });
    expect(verifier.verify(token)).toMatchObject({ sub: 'u1', ver: 2 });
    expect(verifier.verify(token)).toMatchObject({ sub: 'u1', ver: 2 });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('refuses a token whose signature does not match, one signed with another secret, and garbage', () => {
    const verifier = new AccessTokenVerifier(jwt);
    const token = jwt.sign({ sub: 'u1', roles: [] });
    const [head, body] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ sub: 'admin', roles: ['ADMIN'], exp: 9e9 })).toString('base64url')}.${token.split('.')[2]}`;
    expect(verifier.verify(`${head}.${body}.AAAA`)).toBeNull();
    expect(verifier.verify(forged)).toBeNull();
    expect(
      verifier.verify(
        new JwtService({ secret: 'another-secret-xx' }).sign({ sub: 'u1', exp: 9e9 }),
      ),
    ).toBeNull();
    expect(verifier.verify('not-a-token')).toBeNull();
  });

  it('refuses a token without exp or sub, and a remembered token once it has expired', () => {
    const verifier = new AccessTokenVerifier(jwt);
    const noExp = new JwtService({ secret: 'unit-secret-0123456789' }).sign({ sub: 'u1' });
    expect(verifier.verify(noExp)).toBeNull();
    const noSub = jwt.sign({ roles: [] });
    expect(verifier.verify(noSub)).toBeNull();
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    const shortLived = jwt.sign({ sub: 'u2', roles: [] }, { expiresIn: 2 });
    expect(verifier.verify(shortLived)).toMatchObject({ sub: 'u2' });
    clock.mockReturnValue(now + 3000);
    expect(verifier.verify(shortLived)).toBeNull();
    clock.mockRestore();
  });
});
