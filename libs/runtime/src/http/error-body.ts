import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One invalid field of a request: its dotted path and why. */
export class FieldErrorView {
  @ApiProperty({ example: 'email', description: 'Dotted path of the field in the body, query or path' })
  field: string;

  @ApiProperty({ example: 'email must be an email' })
  reason: string;
}

/** The body of every error answer of every NetDirect service. */
export class ErrorBody {
  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'The HTTP reason phrase of the status' })
  error: string;

  @ApiProperty({ example: 'email: email must be an email', description: 'What went wrong, for a person' })
  message: string;

  @ApiPropertyOptional({
    type: [FieldErrorView],
    description: 'Each invalid field and why (400, and 422 when the refusal is about one field)',
  })
  fields?: FieldErrorView[];
}

/** Status codes a route may document with {@link ApiErrors}. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;

const DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Invalid request: malformed JSON, an unknown or invalid field; `fields` names each field and why',
  401: 'No valid bearer token',
  403: 'The token lacks the role, or the caller may not act on this resource',
  404: 'No such resource',
  409: 'The resource changed meanwhile, or conflicts with an existing one; read it and try again',
  413: 'The body is larger than the service accepts',
  415: 'The body is not application/json',
  422: 'A business rule refuses the request; the message (and `fields`, when about one field) says which',
};

/**
 * Document a route's error answers, all with the {@link ErrorBody} shape.
 * Every route can answer 400 and 401 unless it is public; a route with a body
 * can answer 413 and 415. List what else the route can answer:
 *
 * ```ts
 * @ApiErrors(403, 404, 422)
 * ```
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  const unique = [...new Set(statuses)].sort();
  return applyDecorators(
    ...unique.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBody })),
  );
}
