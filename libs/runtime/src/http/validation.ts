import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/**
 * The global pipe: strips nothing silently — an unknown field is an error —
 * and answers 400 with every field and its reason.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.map((f) => `${f.field}: ${f.reason}`),
        fields,
      });
    },
  });
}
