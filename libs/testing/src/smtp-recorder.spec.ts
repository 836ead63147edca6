import { decodeWords } from './smtp-recorder';

describe('decodeWords', () => {
  it('decodes split base64 and quoted-printable encoded words', () => {
    expect(
      decodeWords('=?UTF-8?B?5qyi6L+O5rOo5YaM5Yib5paw5Yib5Lia5aSn6LWb?= =?UTF-8?B?5bmz5Y+w?='),
    ).toBe('欢迎注册创新创业大赛平台');
    expect(decodeWords('=?UTF-8?Q?Project_submitted=3A_x?=')).toBe('Project submitted: x');
    expect(decodeWords('plain')).toBe('plain');
  });
});
