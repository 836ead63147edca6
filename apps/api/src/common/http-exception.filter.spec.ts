import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { HttpExceptionFilter } from './http-exception.filter';

describe('HttpExceptionFilter.toBody', () => {
  const filter = new HttpExceptionFilter();

  it('maps domain errors by kind and keeps their details', () => {
    const body = filter.toBody(
      DomainError.unprocessable('weights', [{ field: 'criteria', message: 'sum' }]),
    );
    expect(body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'weights',
      details: [{ field: 'criteria', message: 'sum' }],
    });
    expect(filter.toBody(DomainError.conflict('closed')).statusCode).toBe(409);
  });

  it('keeps Nest and Fastify client errors as 4xx', () => {
    expect(filter.toBody(new NotFoundException('x')).statusCode).toBe(404);
    expect(
      filter.toBody(
        new BadRequestException({
          message: 'Invalid email',
          details: [{ field: 'email', message: 'm' }],
        }),
      ),
    ).toMatchObject({
      statusCode: 400,
      details: [{ field: 'email', message: 'm' }],
    });
    expect(
      filter.toBody(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }))
        .statusCode,
    ).toBe(400);
  });

  it('hides unexpected errors behind a 500', () => {
    expect(filter.toBody(new Error('db exploded'))).toMatchObject({ statusCode: 500 });
  });

  it('answers 503 with a clear message while PostgreSQL is unreachable', () => {
    const body = filter.toBody(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    expect(body.statusCode).toBe(503);
    expect(body.message).toMatch(/database is unavailable/);
    expect(filter.toBody(new Error('Connection terminated unexpectedly')).statusCode).toBe(503);
  });
});
