import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ServiceConfig } from '../config/service-config';
import { ErrorBody, ErrorStatus } from './error-body';

/** Operation extension set by `@Public()`: the route needs no token. Removed from the published document. */
export const PUBLIC_EXTENSION = 'x-netdirect-public';

type Operation = {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  [PUBLIC_EXTENSION]?: boolean;
};

const ERROR_DESCRIPTIONS: Partial<Record<ErrorStatus, string>> = {
  400: 'Invalid request: malformed JSON, an unknown or invalid field or parameter; `fields` names each and why',
  401: 'No valid bearer token',
  403: 'The token lacks the role, or the caller may not act on this resource',
  413: 'The body is larger than the service accepts',
  415: 'The body is not application/json',
};

function errorResponse(status: ErrorStatus) {
  return {
    description: ERROR_DESCRIPTIONS[status],
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
  };
}

/**
 * The OpenAPI document of a gateway, completed with what the runtime itself
 * answers on every route, so no route can forget it: bearer security and 401
 * and 403 unless the route is `@Public()`; 400 where there is a parameter or
 * a body; 413 and 415 where there is a body. A route documents the rest (404,
 * 409, 422) with `@ApiErrors`.
 */
export function openApiDocument(app: INestApplication, config: ServiceConfig): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(config.service.title)
      .setDescription(config.service.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
    // Referenced below even when no route used @ApiErrors.
    { extraModels: [ErrorBody] },
  );
  closeRequestSchemas(document);
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const add = (status: ErrorStatus) => (op.responses[String(status)] ??= errorResponse(status));
      if (op[PUBLIC_EXTENSION]) {
        delete op[PUBLIC_EXTENSION];
        op.security = [];
      } else {
        op.security = [{ bearer: [] }];
        add(401);
        add(403);
      }
      if (op.parameters?.length || op.requestBody) add(400);
      if (op.requestBody) {
        add(413);
        add(415);
      }
    }
  }
  return document;
}

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  allOf?: Schema[];
};

/**
 * Make every request body schema say what the validation pipe does: an
 * unknown field is refused (`additionalProperties: false`), and an optional
 * field may be omitted or null (class-validator's `@IsOptional` lets both
 * through, and the use case treats them alike).
 */
function closeRequestSchemas(document: OpenAPIObject): void {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<Schema>();
  const close = (schema: Schema | undefined): void => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    if (schema.$ref) return close(components[schema.$ref.replace('#/components/schemas/', '')]);
    schema.allOf?.forEach(close);
    if (schema.items) close(schema.items);
    if (schema.properties) {
      schema.additionalProperties ??= false;
      const required = new Set(schema.required ?? []);
      for (const [name, prop] of Object.entries(schema.properties)) {
        close(prop);
        if (required.has(name) || prop.nullable) continue;
        schema.properties[name] = prop.$ref ? { allOf: [prop], nullable: true } : { ...prop, nullable: true };
      }
    }
  };
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item as Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>)) {
      for (const media of Object.values(op?.requestBody?.content ?? {})) close(media.schema);
    }
  }
}
