import { ValidateBy, ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '@app/domain';

// An IANA time zone name ("Asia/Shanghai", "Europe/Berlin"), checked with Intl;
// offsets and abbreviations are refused because they carry no DST rules.
export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value) => typeof value === 'string' && isValidTimeZone(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'timeZone'} must be an IANA time zone name such as Asia/Shanghai`,
      },
    },
    options,
  );
}
