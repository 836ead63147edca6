import { DomainError } from '@app/domain';
import { ParseUuidParamPipe } from './uuid-param.pipe';

describe('ParseUuidParamPipe', () => {
  const pipe = new ParseUuidParamPipe();
  const id = '3f1c2a4e-8b7d-4c6a-9e2f-1a2b3c4d5e6f';

  it('passes a UUID through', async () => {
    await expect(pipe.transform(id, { type: 'param', data: 'projectId' })).resolves.toBe(id);
  });

  it('names the parameter that is not a UUID', async () => {
    const error: unknown = await pipe
      .transform('P1', { type: 'param', data: 'projectId' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid projectId: projectId must be a UUID',
      params: { fields: ['projectId'] },
      details: [
        { field: 'projectId', code: 'FIELD_NOT_UUID', message: 'projectId must be a UUID' },
      ],
    });
  });
});
