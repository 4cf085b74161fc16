import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import '../events';
import { EventEnvelope } from '../envelope/event-envelope';
import { EventDescriptor, EventRegistry } from '../registry/integration-event.decorator';

/** A JSON Schema (draft-07) object, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

export const JSON_SCHEMA_DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

type Ctor = new () => object;

interface ClassValidatorJsonSchema {
  targetConstructorToSchema(target: abstract new (...args: never[]) => object, options?: Record<string, unknown>): JsonSchema;
}

/*
 * class-validator-jsonschema is only needed to generate documents, never by a
 * running service, so it is loaded on first use: services that import the
 * contracts do not need it installed.
 */
function loadGenerator(): ClassValidatorJsonSchema {
   
  return require('class-validator-jsonschema') as ClassValidatorJsonSchema;
}

/*
 * class-transformer keeps the @Type(() => X) metadata in a storage it does not
 * export from its main entry; the generator needs it to follow nested fields.
 */
 
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerMetadataStorage;
};

const REF_PREFIX = '#/definitions/';

/*
 * Min/Max also say `type: number` in the default converters, which would
 * override `type: integer` from @IsInt depending on decorator order.
 */
const converterOverrides = {
  min: (meta: ValidationMetadata) => ({ minimum: meta.constraints[0] as number }),
  max: (meta: ValidationMetadata) => ({ maximum: meta.constraints[0] as number }),
};

function generatorOptions(): Record<string, unknown> {
  return {
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF_PREFIX,
    additionalConverters: converterOverrides,
  };
}

/** Every class reachable from the registered payloads (and the envelope) through nested fields. */
function reachableClasses(roots: Ctor[]): Map<string, Ctor> {
  const storage = getMetadataStorage();
  const byName = new Map<string, Ctor>();
  const queue = [...roots];
  while (queue.length) {
    const cls = queue.shift() as Ctor;
    const seen = byName.get(cls.name);
    if (seen === cls) continue;
    if (seen) {
      throw new Error(`Two contract classes are named ${cls.name}; JSON Schema definitions are keyed by class name`);
    }
    byName.set(cls.name, cls);
    for (const meta of storage.getTargetValidationMetadatas(cls, '', true, false)) {
      if (meta.type !== ValidationTypes.NESTED_VALIDATION) continue;
      const typeMeta = defaultMetadataStorage.findTypeMetadata(cls, meta.propertyName);
      const child = typeMeta?.typeFunction() as Ctor | undefined;
      if (!child || child === (Object as unknown as Ctor)) {
        throw new Error(`${cls.name}.${meta.propertyName}: a nested field needs @Type(() => Class)`);
      }
      queue.push(child);
    }
  }
  return byName;
}

/*
 * class-validator lets an @IsOptional field be absent OR null; say the same in
 * the schema, so both validators accept exactly the same documents.
 */
function allowNullForOptional(schema: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const out: Record<string, JsonSchema> = {};
  for (const [name, prop] of Object.entries(properties)) {
    out[name] = required.has(name) ? prop : { anyOf: [prop, { type: 'null' }] };
  }
  return { ...schema, properties: out };
}

/** Replace every `$ref` to a definition with the definition itself, so each schema stands alone. */
function inline(schema: unknown, definitions: Map<string, JsonSchema>, path: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, definitions, path));
  if (typeof schema !== 'object' || schema === null) return schema;
  const { $ref, ...rest } = schema as JsonSchema;
  const result: JsonSchema = {};
  for (const [k, v] of Object.entries(rest)) result[k] = inline(v, definitions, path);
  if (typeof $ref !== 'string') return result;
  const name = $ref.startsWith(REF_PREFIX) ? $ref.slice(REF_PREFIX.length) : $ref;
  const target = definitions.get(name);
  if (!target) throw new Error(`Unresolved schema reference ${$ref}`);
  if (path.includes(name)) throw new Error(`Recursive contract type ${name} cannot be inlined`);
  return { ...result, ...(inline(target, definitions, [...path, name]) as JsonSchema) };
}

function buildDefinitions(): Map<string, JsonSchema> {
  const generator = loadGenerator();
  const roots: Ctor[] = [EventEnvelope, ...EventRegistry.all().map((d) => d.payload)];
  const definitions = new Map<string, JsonSchema>();
  for (const [name, cls] of reachableClasses(roots)) {
    const schema = generator.targetConstructorToSchema(cls, generatorOptions());
    definitions.set(name, { title: name, ...allowNullForOptional(schema) });
  }
  return definitions;
}

/** `<type>@<version>`, the key of {@link buildJsonSchemas}' result. */
export function schemaKey(d: Pick<EventDescriptor, 'type' | 'version'>): string {
  return `${d.type}@${d.version}`;
}

/**
 * The JSON Schema (draft-07) of every registered event's whole message: the
 * envelope, with `type` and `version` fixed and `data` the payload schema,
 * every reference inlined so each schema is self-contained.
 *
 * The schemas are generated from the same class-validator decorators the
 * services validate with, so they cannot drift from the code. They do not
 * forbid unknown fields: producers may add optional fields within a major
 * version, and readers must ignore what they do not know.
 *
 * Keyed by `<type>@<version>`, e.g. `OrderPlaced@1`.
 */
export function buildJsonSchemas(): Record<string, JsonSchema> {
  const definitions = buildDefinitions();
  const envelope = definitions.get(EventEnvelope.name) as JsonSchema;
  const envelopeProps = envelope.properties as Record<string, JsonSchema>;
  const result: Record<string, JsonSchema> = {};
  for (const d of [...EventRegistry.all()].sort((a, b) => schemaKey(a).localeCompare(schemaKey(b)))) {
    const payload = inline(definitions.get(d.payload.name), definitions) as JsonSchema;
    result[schemaKey(d)] = {
      $schema: JSON_SCHEMA_DRAFT_07,
      $id: `urn:netdirect:event:${d.type}:v${d.version}`,
      title: `${d.type} v${d.version}`,
      description: `${d.summary} Published on ${d.topic.name}, keyed by ${d.topic.key}.`,
      type: 'object',
      properties: {
        ...envelopeProps,
        type: { type: 'string', const: d.type },
        version: { type: 'integer', const: d.version },
        key: { ...envelopeProps.key, description: `The ${d.topic.key} of the payload; also the Kafka message key.` },
        data: { ...payload, description: d.summary },
      },
      required: envelope.required,
    };
  }
  return result;
}

/** Just the payload (`data`) schema of one event, self-contained. */
export function payloadSchemaOf(schemas: Record<string, JsonSchema>, d: Pick<EventDescriptor, 'type' | 'version'>): JsonSchema {
  const whole = schemas[schemaKey(d)];
  if (!whole) throw new Error(`No schema for ${schemaKey(d)}`);
  return (whole.properties as Record<string, JsonSchema>).data;
}
