import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '@app/error-codes';
import { en } from '../i18n/en';
import { errorsEn } from '../i18n/errors.en';
import { errorsZhCN } from '../i18n/errors.zh-CN';
import { zhCN } from '../i18n/zh-CN';
import { ApiError, describeError, errorSentence, fieldErrors, formFieldErrors } from './errors';

let zh: TFunction;
let english: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: {
      'zh-CN': { translation: { ...zhCN, error: errorsZhCN } },
      en: { translation: { ...en, error: errorsEn } },
    },
    lng: 'zh-CN',
    interpolation: { escapeValue: false },
  });
  zh = i18n.getFixedT('zh-CN');
  english = i18n.getFixedT('en');
});

const refusal = (status: number, body: object) => ApiError.from(status, body);
const LATIN_OR_ID = /[A-Za-z]{3,}|[0-9a-f]{8}-[0-9a-f]{4}|[{}]/;

describe('describeError', () => {
  it('names judges and projects of ROUND_HAS_DRAFTS in a Chinese sentence', () => {
    const error = refusal(409, {
      statusCode: 409,
      code: 'ROUND_HAS_DRAFTS',
      message: '2 score(s) are unsubmitted drafts: judge ab9a78f1-…',
      params: {
        drafts: [
          { judgeName: '张三', projectTitle: '智慧农业' },
          { judgeName: '李四', projectTitle: '城市储能' },
        ],
      },
    });
    const { title } = describeError(error, zh);
    expect(title).toContain('还有 2 份评分未提交');
    expect(title).toContain('评委张三对《智慧农业》的评分、评委李四对《城市储能》的评分');
    expect(title).not.toMatch(LATIN_OR_ID);
    expect(describeError(error, english).title).toContain(
      `张三's score of "智慧农业", 李四's score of "城市储能"`,
    );
  });

  it('translates resources, states and roles, never shows the English message', () => {
    const notFound = refusal(404, {
      code: 'NOT_FOUND',
      message: 'round 3f1c2a4e-8b7d-4c6a-9e2f-1a2b3c4d5e6f not found',
      params: { resource: 'round' },
    });
    expect(describeError(notFound, zh).title).toBe('找不到该轮次，或您无权查看。');
    const notOpen = refusal(409, {
      code: 'ROUND_NOT_OPEN',
      message: 'round is CLOSED',
      params: { roundName: '初赛第一轮', status: 'CLOSED' },
    });
    expect(describeError(notOpen, zh).title).toContain('当前为“已结束”');
    const role = refusal(403, {
      code: 'FORBIDDEN_ROLE',
      message: 'x',
      params: { roles: ['ADMIN', 'ORGANISER'] },
    });
    expect(describeError(role, zh).title).toBe('此操作需要以下角色之一：管理员、组织者。');
    expect(
      describeError(
        refusal(401, { code: 'BAD_CREDENTIALS', message: 'Wrong email or password' }),
        zh,
      ).title,
    ).toBe('邮箱或密码不正确。');
  });

  it('turns each field problem into a sentence with the field label', () => {
    const error = refusal(400, {
      code: 'VALIDATION_FAILED',
      message: 'Invalid title, criteria.1.weight',
      params: { fields: ['title', 'criteria.1.weight'] },
      details: [
        {
          field: 'title',
          code: 'FIELD_TOO_LONG',
          message: 'title must be shorter',
          params: { max: 200 },
        },
        {
          field: 'criteria.1.weight',
          code: 'CRITERION_WEIGHT_NOT_POSITIVE',
          message: 'weight must be positive',
          params: { row: 2, criterion: '创新性' },
        },
      ],
    });
    const { title, detail } = describeError(error, zh);
    expect(title).toBe('输入有误，请检查标出的内容。');
    expect(detail).toBe('标题：最多 200 个字符。 评分项：第 2 行评分项“创新性”的权重必须大于 0。');
    expect(fieldErrors(error, zh)).toEqual({
      title: '最多 200 个字符。',
      'criteria.1.weight': '第 2 行评分项“创新性”的权重必须大于 0。',
    });
    expect(formFieldErrors(error, zh)).toEqual([
      { name: ['title'], errors: ['最多 200 个字符。'] },
      { name: ['criteria', 1, 'weight'], errors: ['第 2 行评分项“创新性”的权重必须大于 0。'] },
    ]);
  });

  it('formats limits, ranges and waits', () => {
    expect(
      errorSentence(
        refusal(413, { code: 'PAYLOAD_TOO_LARGE', message: 'x', params: { maxBytes: 1048576 } }),
        zh,
      ),
    ).toBe('内容太大，上限为 1 MB。');
    expect(
      errorSentence(
        refusal(429, { code: 'RATE_LIMITED', message: 'x', params: { retryAfterSeconds: 30 } }),
        zh,
      ),
    ).toBe('操作太频繁，请 30 秒后再试。');
    const range = refusal(400, {
      code: 'VALIDATION_FAILED',
      message: 'x',
      details: [
        { field: 'count', code: 'FIELD_OUT_OF_RANGE', message: 'x', params: { min: 1, max: 10 } },
      ],
    });
    expect(fieldErrors(range, zh)).toEqual({ count: '超出允许范围（1–10）。' });
  });

  it('falls back to the status without a code, and to words for a network failure', () => {
    expect(
      describeError(refusal(502, '<html>Bad gateway</html>' as unknown as object), zh).title,
    ).toBe('出错了，请稍后再试。');
    expect(describeError(refusal(429, {}), zh).title).toBe('操作太频繁，请稍后再试');
    expect(describeError(ApiError.network(new Error('fetch failed')), zh).title).toBe(
      '网络连接中断，恢复后会自动重试。',
    );
    expect(describeError(new Error('boom'), zh).title).toBe('出错了，请稍后再试。');
  });
});

describe('refusals that name their objects', () => {
  it('write heats, projects, rounds and people by name, never the server English', () => {
    const cases: [object, string, string][] = [
      [
        {
          code: 'NEXT_HEAT_JUDGING_STARTED',
          message: 'the next heat has started judging (半决赛路演: OPEN)',
          params: { projectTitle: '智慧农业', roundName: '半决赛路演' },
        },
        '下一赛场已开始评审《智慧农业》（轮次“半决赛路演”），该结果不能再改。',
        'The next heat has started judging "智慧农业" (round "半决赛路演"); this result can no longer change.',
      ],
      [
        {
          code: 'RESULT_UNCHANGED',
          message: 'the result is already ADVANCED',
          params: { projectTitle: '智慧农业', result: 'ADVANCED' },
        },
        '《智慧农业》的结果已经是“晋级”。',
        'The result of "智慧农业" is already advanced.',
      ],
      [
        {
          code: 'ENTRY_HEAT_NOT_FIRST_STAGE',
          message: 'heatId: heat belongs to stage SEMIFINAL, not the first stage',
          params: { heatName: '半决赛（江阴）', stageName: '半决赛' },
        },
        '“半决赛（江阴）”属于“半决赛”阶段，报名只能进入第一阶段的赛场。',
        '"半决赛（江阴）" is a heat of the stage "半决赛"; projects enter through a first-stage heat.',
      ],
      [
        {
          code: 'ALREADY_ORGANISER',
          message: 'already an organiser of this competition',
          params: { userName: '张敏' },
        },
        '张敏 已经是本赛事的组织者。',
        '张敏 already organises this competition.',
      ],
    ];
    cases.push([
      {
        code: 'AWARD_TIES',
        message: "ties at a tier boundary need the organiser's decision",
        params: {
          ties: [{ projects: ['智慧农业', '城市储能'], score: 88, tiers: ['三等奖', '(none)'] }],
        },
      },
      '奖项分界处有并列，需要您决定先后：智慧农业、城市储能（88 分，三等奖、未获奖）。',
      'Ties at a tier boundary need your decision: 智慧农业, 城市储能 (88, 三等奖, no award).',
    ]);
    for (const [body, chinese, inEnglish] of cases) {
      const error = refusal(409, body);
      expect(describeError(error, zh).title).toBe(chinese);
      expect(describeError(error, zh).title).not.toMatch(LATIN_OR_ID);
      expect(describeError(error, english).title).toBe(inEnglish);
    }
  });
});

describe('the error sentences', () => {
  it('exist in both languages for every code of the catalogue', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      expect(errorsZhCN.codes[code]).toBeTruthy();
      expect(errorsEn.codes[code]).toBeTruthy();
    }
  });

  it('interpolate the same params in both languages', () => {
    // IMPORT_ROW_PROBLEM carries the importer's own sentence in each language.
    const names = (sentence: string) =>
      [...sentence.matchAll(/{{(\w+)}}/g)]
        .map((m) => m[1].replace(/^message(Zh|En)$/, 'message'))
        .sort();
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[])
      expect({ code, names: names(errorsEn.codes[code]) }).toEqual({
        code,
        names: names(errorsZhCN.codes[code]),
      });
  });
});
