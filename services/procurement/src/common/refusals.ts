import { UnprocessableEntityException } from '@nestjs/common';

/**
 * Several business-rule refusals answered at once as one 422 with every
 * field and reason (a DomainError names one field; a price list may break
 * many rules, and the supplier should see them all in one answer).
 */
export function unprocessable(fields: { field: string; reason: string }[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ message: fields.map((f) => `${f.field}: ${f.reason}`).join('; '), fields });
}
