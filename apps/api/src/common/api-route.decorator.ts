import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiOperation,
  getSchemaPath,
} from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from '@app/domain';

const REASONS: Record<number, string> = {
  400: 'Invalid input; `details` names each field',
  401: 'Missing, expired or revoked token',
  403: 'The caller’s role may not do this',
  404: 'No such object, or not the caller’s to see',
  409: 'The object’s state forbids this now; `code` and `params` say why',
  413: 'Body too large',
  416: 'The Range asked lies past the end of the file',
  422: 'Valid input the rules cannot satisfy; `code` and `params` say why',
  429: 'Too many requests; retry after `Retry-After` seconds',
  503: 'A dependency (database or Redis) is unavailable; retry shortly',
};

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
const PARAMS_DESCRIPTION =
  "The code's parameters (names, limits), typed per code in libs/domain/src/errors/error-codes.ts";

export class FieldErrorDto {
  @ApiProperty({ example: 'title' })
  field!: string;
  @ApiProperty({
    enum: CODES,
    enumName: 'ErrorCode',
    example: 'FIELD_TOO_LONG',
    description: 'A FIELD_* (or domain) code from the error catalogue',
  })
  code!: ErrorCode;
  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' })
  message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { max: 200 },
    description: PARAMS_DESCRIPTION,
  })
  params?: Record<string, unknown>;
}

/** The one shape every error leaves in (see HttpExceptionFilter). */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;
  @ApiProperty({ example: 'Bad Request' })
  error!: string;
  @ApiProperty({
    enum: CODES,
    enumName: 'ErrorCode',
    example: 'VALIDATION_FAILED',
    description: 'Stable machine code from the error catalogue (docs/api.md, Errors)',
  })
  code!: ErrorCode;
  @ApiProperty({ example: 'Invalid input', description: 'English, for logs and API readers' })
  message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { fields: ['title'] },
    description: PARAMS_DESCRIPTION,
  })
  params?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  details?: FieldErrorDto[];
}

export interface ApiRouteOptions {
  summary: string;
  description?: string;
  /** The success status (200 unless the route says otherwise; 201 for a create, 204 for no body). */
  status?: number;
  /** The success body: a DTO class, or `[Dto]` for an array. Omit only with `status: 204`, `file` or `oneOf`. */
  type?: Type<unknown> | [Type<unknown>];
  /** The success body is one of these DTOs; a property with a literal type (`enum: [true]`) tells them apart. */
  oneOf?: Type<unknown>[];
  /** A file download instead of JSON. */
  file?: 'csv' | 'xlsx' | 'zip' | 'pdf' | 'binary';
  /** A Server-Sent Events stream whose events carry this DTO as JSON `data`. */
  events?: Type<unknown>;
  /** Every 4xx/5xx the route can answer, besides 401/429 which every authenticated route has. */
  errors: number[];
}

const FILE_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  pdf: 'application/pdf',
  // An uploaded file: its own type (PDF, image, Office, MP4), sniffed at upload.
  binary: 'application/octet-stream',
} as const;

/**
 * Documents one route completely for the OpenAPI document: a summary, the
 * success response's schema, and each error answer with the shared error body.
 * The OpenAPI test fails for a route without all three.
 */
export function ApiRoute(options: ApiRouteOptions): MethodDecorator {
  const status = options.status ?? 200;
  const decorators: (MethodDecorator | ClassDecorator)[] = [
    ApiOperation({ summary: options.summary, description: options.description }),
  ];
  if (options.file) {
    decorators.push(ApiProduces(FILE_TYPES[options.file]));
    decorators.push(
      ApiResponse({
        status,
        description: `${options.file.toUpperCase()} file`,
        content: {
          [FILE_TYPES[options.file]]: { schema: { type: 'string', format: 'binary' } },
        },
      }),
    );
  } else if (options.events) {
    decorators.push(ApiProduces('text/event-stream'));
    decorators.push(ApiExtraModels(options.events));
    decorators.push(
      ApiResponse({
        status,
        description: `Server-Sent Events; each event's \`data\` is a ${options.events.name} as JSON`,
        content: {
          'text/event-stream': {
            schema: { type: 'string', description: `data: ${getSchemaPath(options.events)}` },
          },
        },
      }),
    );
  } else if (options.oneOf) {
    decorators.push(ApiExtraModels(...options.oneOf));
    decorators.push(
      ApiResponse({
        status,
        description: 'Success',
        schema: { oneOf: options.oneOf.map((t) => ({ $ref: getSchemaPath(t) })) },
      }),
    );
  } else if (status === 204) {
    decorators.push(ApiResponse({ status, description: 'No content' }));
  } else {
    if (!options.type) throw new Error(`ApiRoute "${options.summary}" needs a response type`);
    decorators.push(ApiResponse({ status, description: 'Success', type: options.type }));
  }
  for (const code of new Set(options.errors)) {
    decorators.push(
      ApiResponse({ status: code, description: REASONS[code] ?? 'Error', type: ErrorBodyDto }),
    );
  }
  return applyDecorators(...decorators);
}
