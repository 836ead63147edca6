import { ArgumentMetadata, Injectable, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from './validation.pipe';

// Nest's ParseUUIDPipe answers "Validation failed (uuid is expected)" without
// saying which parameter; a client with two ids in the path cannot tell which
// one was wrong. Same check, answered like every other 400: the field named,
// in `message` and in `details` (code FIELD_NOT_UUID).
@Injectable()
export class ParseUuidParamPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      return await super.transform(value, metadata);
    } catch {
      const field = metadata.data ?? metadata.type;
      throw invalid([{ field, code: 'FIELD_NOT_UUID', message: `${field} must be a UUID` }]);
    }
  }
}
