import { ArgumentMetadata, BadRequestException, Injectable, ParseUUIDPipe } from '@nestjs/common';

// Nest's ParseUUIDPipe answers "Validation failed (uuid is expected)" without
// saying which parameter; a client with two ids in the path cannot tell which
// one was wrong. Same check, answered like every other 400: the field named,
// in `message` and in `details`.
@Injectable()
export class ParseUuidParamPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      return await super.transform(value, metadata);
    } catch {
      const field = metadata.data ?? metadata.type;
      const message = `${field} must be a UUID`;
      throw new BadRequestException({
        message: `Invalid ${field}: ${message}`,
        details: [{ field, message }],
      });
    }
  }
}
