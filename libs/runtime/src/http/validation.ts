import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One invalid field: its dotted path and why. */
export interface FieldError {
  field: string;
  reason: string;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** A 400 in the shape of every error answer, naming each field and why. */
export function invalidFields(fields: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: fields.map((f) => `${f.field}: ${f.reason}`).join('; '),
    fields,
  });
}

/**
 * Keys that would reach an object's prototype. class-transformer skips them
 * when it builds the request class, so the whitelist never sees them and the
 * request would pass as if they had not been sent: refuse them outright.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function prototypeKeys(value: unknown, path = '', found: FieldError[] = []): FieldError[] {
  if (value === null || typeof value !== 'object') return found;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) found.push({ field, reason: `property ${key} should not exist` });
    else prototypeKeys((value as Record<string, unknown>)[key], field, found);
  }
  return found;
}

/** Query parameters given more than once where the request class expects one value. */
function repeatedParameters(value: unknown, metatype: ArgumentMetadata['metatype']): FieldError[] {
  if (!metatype || value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => Array.isArray(v) && Reflect.getMetadata('design:type', metatype.prototype, key) !== Array)
    .map(([key]) => ({ field: key, reason: `${key} must be given once` }));
}

/**
 * The global pipe: strips nothing silently (an unknown field is an error,
 * including `__proto__` and `constructor`), a query parameter expected once
 * and given twice is named as such, and every refusal is a 400 with each
 * field and its reason.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => invalidFields(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const early =
      metadata.type === 'body'
        ? prototypeKeys(value)
        : metadata.type === 'query'
          ? [...prototypeKeys(value), ...repeatedParameters(value, metadata.metatype)]
          : [];
    if (early.length) throw invalidFields(early);
    return super.transform(value, metadata);
  }
}

/** The pipe every gateway uses (see {@link RequestValidationPipe}). */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe();
}
