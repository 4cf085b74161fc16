import { ValidateBy, ValidationOptions } from 'class-validator';

/** An instant in UTC as the requests of this service take it: RFC 3339 with `Z` and at most milliseconds. */
export const UTC_DATE_TIME_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?Z$';
const SHAPE = new RegExp(UTC_DATE_TIME_PATTERN);

/** True for a real instant in that shape: no 30 February, no hour 24 (a leap second counts as :59). */
export function isUtcDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  const [date, time] = value.slice(0, 19).split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}

/** Parse what {@link isUtcDateTime} accepted. */
export function parseUtcDateTime(value: string): Date {
  const d = new Date(value.replace(/:60(\.|Z)/, ':59$1'));
  if (value.startsWith('00')) d.setUTCFullYear(Number(value.slice(0, 4)));
  return d;
}

/** Validates a request field with {@link isUtcDateTime}; document it with `format: 'date-time', pattern: UTC_DATE_TIME_PATTERN`. */
export function IsUtcDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUtcDateTime',
      validator: {
        validate: isUtcDateTime,
        defaultMessage: (args) => `${args?.property} must be an instant in UTC such as 2026-04-01T00:00:00Z`,
      },
    },
    options,
  );
}

/** A calendar day as requests of this service take it (`2026-04-30`). */
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const DAY_SHAPE = new RegExp(DATE_PATTERN);

/** True for a day that exists: no 31 September. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_SHAPE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/** Validates a request field with {@link isCalendarDate}; document it with `format: 'date', pattern: DATE_PATTERN`. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: (args) => `${args?.property} must be a date such as 2026-04-30` },
    },
    options,
  );
}
