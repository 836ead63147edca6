import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { HttpExceptionFilter } from './http-exception.filter';

describe('HttpExceptionFilter.toBody', () => {
  const filter = new HttpExceptionFilter();

  it('maps domain errors by code and keeps their params and details, each detail coded', () => {
    const body = filter.toBody(
      new DomainError('UNPROCESSABLE', 'weights', [{ field: 'criteria', message: 'sum' }]),
    );
    expect(body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      code: 'UNPROCESSABLE',
      message: 'weights',
      details: [{ field: 'criteria', code: 'FIELD_INVALID', message: 'sum' }],
    });
    expect(filter.toBody(new DomainError('CONFLICT', 'closed'))).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
    });
    const drafts = [{ judgeName: '张三', projectTitle: '智慧农业' }];
    expect(filter.toBody(DomainError.of('ROUND_HAS_DRAFTS', { drafts }, '1 draft'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'ROUND_HAS_DRAFTS',
      message: '1 draft',
      params: { drafts },
    });
    expect(filter.toBody(DomainError.notFound('round', 'x'))).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      params: { resource: 'round' },
    });
    expect(
      filter.toBody(DomainError.of('BAD_CREDENTIALS', 'Wrong email or password')),
    ).toMatchObject({ statusCode: 401, code: 'BAD_CREDENTIALS' });
  });

  it('gives Nest and Fastify client errors the code of their status', () => {
    expect(filter.toBody(new NotFoundException('Cannot GET /x'))).toMatchObject({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
    });
    expect(
      filter.toBody(
        new BadRequestException({
          message: 'Invalid email',
          details: [{ field: 'email', message: 'm' }],
        }),
      ),
    ).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      params: { fields: ['email'] },
      details: [{ field: 'email', code: 'FIELD_INVALID', message: 'm' }],
    });
    const syntax = Object.assign(new SyntaxError('Unexpected token } in JSON'), {
      statusCode: 400,
    });
    expect(filter.toBody(syntax)).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    const proto = Object.assign(new SyntaxError('Object contains forbidden prototype property'), {
      statusCode: 400,
    });
    expect(filter.toBody(proto)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body', code: 'FIELD_FORBIDDEN_KEY', params: { key: '__proto__' } }],
    });
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(filter.toBody(tooLarge)).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      params: { maxBytes: 1024 * 1024 },
    });
    const media = Object.assign(new Error('Unsupported Media Type: text/plain'), {
      statusCode: 415,
    });
    expect(filter.toBody(media)).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      params: { contentType: 'text/plain' },
    });
  });

  it('reads Fastify errors that Nest handed over as HttpException(message, status)', () => {
    expect(
      filter.toBody(
        new HttpException(
          "Body is not valid JSON but content-type is set to 'application/json'",
          400,
        ),
      ),
    ).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expect(filter.toBody(new HttpException('Request body is too large', 413))).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      params: { maxBytes: 1024 * 1024 },
    });
    expect(
      filter.toBody(new HttpException('Unsupported Media Type: text/plain', 415)),
    ).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', params: { contentType: 'text/plain' } });
  });

  it('hides unexpected errors behind a 500', () => {
    expect(filter.toBody(new Error('db exploded'))).toMatchObject({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
    });
  });

  it('answers 503 with a clear message while PostgreSQL is unreachable', () => {
    const body = filter.toBody(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    expect(body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(body.message).toMatch(/database is unavailable/);
    expect(filter.toBody(new Error('Connection terminated unexpectedly')).statusCode).toBe(503);
  });
});
