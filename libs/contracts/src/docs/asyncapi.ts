import { EventEnvelope, EventHeaders } from '../envelope/event-envelope';
import { headersFor } from '../envelope/envelope-codec';
import { EventExamples } from '../examples/event-examples';
import { EventDescriptor, EventRegistry } from '../registry/integration-event.decorator';
import { TopicDefinition } from '../topics/topic-definition';
import { providerHandoffTopic, Topics } from '../topics/topics';
import { buildJsonSchemas, JsonSchema, schemaKey } from './json-schemas';

/** An AsyncAPI 3.0.0 document as plain JSON. */
export type AsyncApiDocument = { asyncapi: '3.0.0' } & { [field: string]: unknown };

const KAFKA_BINDING_VERSION = '0.5.0';

/** Id of the parameterised channel of all provider handoff topics. */
export const PROVIDER_HANDOFF_CHANNEL = 'logisticsProviderHandoff';

const HEADER_DESCRIPTIONS: Record<keyof typeof EventHeaders, string> = {
  eventId: 'The envelope id: unique per event; derive idempotency keys from it.',
  type: 'Event type, e.g. OrderPlaced; route on it without parsing the value.',
  version: 'Payload version of the event type, as a decimal string.',
  correlationId: 'Ties together everything caused by one outside request.',
  causationId: 'Id of the message or request that directly caused this event.',
  producer: 'The service that produced the event.',
  contentType: 'Always application/json.',
};

/** Schema of the Kafka headers of a message; `type`/`version` fixed when a descriptor is given. */
export function headersSchema(d?: Pick<EventDescriptor, 'type' | 'version'>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [field, header] of Object.entries(EventHeaders) as [keyof typeof EventHeaders, string][]) {
    properties[header] = { type: 'string', description: HEADER_DESCRIPTIONS[field] };
  }
  properties[EventHeaders.contentType] = { ...properties[EventHeaders.contentType], const: 'application/json' };
  if (d) {
    properties[EventHeaders.type] = { ...properties[EventHeaders.type], const: d.type };
    properties[EventHeaders.version] = { ...properties[EventHeaders.version], const: String(d.version) };
  }
  return { type: 'object', properties, required: Object.values(EventHeaders) };
}

/** AsyncAPI schemas are JSON Schema draft-07 without the document-level keywords. */
function embeddable(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

const messageId = (d: EventDescriptor) => `${d.type}V${d.version}`;

function channelBindings(topic: TopicDefinition, withTopicName: boolean): JsonSchema {
  const retention =
    topic.retention.kind === 'compact'
      ? { 'cleanup.policy': ['compact'] }
      : { 'cleanup.policy': ['delete'], 'retention.ms': topic.retention.ms };
  return {
    kafka: {
      ...(withTopicName ? { topic: topic.name } : {}),
      partitions: topic.partitions,
      topicConfiguration: retention,
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

function exampleEnvelope(d: EventDescriptor): EventEnvelope<object> | undefined {
  const example = EventExamples[d.type];
  if (!example) return undefined;
  const data = example.data as Record<string, unknown>;
  return {
    id: '0195a6f4-3c1e-7b52-9a0e-6d1f2c3b4a59',
    type: d.type,
    version: d.version,
    occurredAt: '2025-03-03T09:16:30.000Z',
    producer: d.topic.owner,
    key: String(data[d.topic.key]),
    correlationId: 'req_01JNQ4Z8W5',
    causationId: 'req_01JNQ4Z8W5',
    data,
  };
}

/**
 * The AsyncAPI 3.0.0 document of every topic and event, for teams and
 * logistics providers who consume NetDirect events without reading this code.
 *
 * One channel per topic (address = topic name, Kafka bindings with partitions
 * and retention), one message per event (payload = the envelope schema from
 * {@link buildJsonSchemas}, headers = the Kafka headers, key binding = the
 * aggregate id), and one `send` operation per channel, from the perspective
 * of the owning service. Provider handoff topics are one parameterised
 * channel, `logistics.handoff.{providerId}.v1`, carrying ShipmentRequested and ShipmentCancelled.
 */
export function buildAsyncApiDocument(options: { version?: string } = {}): AsyncApiDocument {
  const schemas = buildJsonSchemas();
  const descriptors = [...EventRegistry.all()].sort((a, b) => schemaKey(a).localeCompare(schemaKey(b)));

  const messages: Record<string, JsonSchema> = {};
  for (const d of descriptors) {
    const example = exampleEnvelope(d);
    messages[messageId(d)] = {
      name: d.type,
      title: `${d.type} v${d.version}`,
      summary: d.summary,
      contentType: 'application/json',
      headers: headersSchema(d),
      payload: embeddable(schemas[schemaKey(d)]),
      bindings: {
        kafka: {
          key: { type: 'string', description: `The ${d.topic.key} of the payload.` },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
      ...(example ? { examples: [{ name: `${d.type}Example`, headers: headersFor(example), payload: example }] } : {}),
    };
  }

  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  // Channel ids are the camelCase registry keys, e.g. `ordersOrders`.
  for (const [channelId, topic] of Object.entries(Topics)) {
    const onTopic = descriptors.filter((d) => d.topic.name === topic.name);
    if (!onTopic.length) continue;
    channels[channelId] = {
      address: topic.name,
      title: topic.name,
      description: `${topic.description} Key: ${topic.key}. Produced by the ${topic.owner} service.`,
      messages: Object.fromEntries(onTopic.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }])),
      bindings: channelBindings(topic, true),
    };
    operations[`${channelId}Send`] = {
      action: 'send',
      title: `${topic.owner} publishes to ${topic.name}`,
      summary: `The ${topic.owner} service publishes these events (at least once, in order per ${topic.key}).`,
      channel: { $ref: `#/channels/${channelId}` },
      messages: onTopic.map((d) => ({ $ref: `#/channels/${channelId}/messages/${messageId(d)}` })),
    };
  }

  const handoff = providerHandoffTopic('provider-id');
  const handoffEvents = descriptors.filter((d) => d.type === 'ShipmentRequested' || d.type === 'ShipmentCancelled');
  channels[PROVIDER_HANDOFF_CHANNEL] = {
    address: 'logistics.handoff.{providerId}.v1',
    title: 'logistics.handoff.{providerId}.v1',
    description:
      'The handoff topic of one logistics provider: the only topic that provider reads, so it never sees ' +
      'other providers\' shipments. Carries the ShipmentRequested events routed to that provider and the ShipmentCancelled events of ' +
      'shipments it must drop (re-routed, the provider suspended, or the order cancelled before dispatch); the provider ' +
      'reports status back through the logistics status webhook. Key: shipmentId.',
    parameters: {
      providerId: {
        description: 'The provider id, lower case: 1-48 characters of a-z, 0-9 and "-" (e.g. dhl-de).',
        examples: ['dhl-de'],
      },
    },
    messages: Object.fromEntries(handoffEvents.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }])),
    bindings: channelBindings(handoff, false),
  };
  operations[`${PROVIDER_HANDOFF_CHANNEL}Send`] = {
    action: 'send',
    title: 'logistics hands a shipment to a provider',
    summary: 'The logistics service publishes each shipment request to the chosen provider\'s handoff topic.',
    channel: { $ref: `#/channels/${PROVIDER_HANDOFF_CHANNEL}` },
    messages: handoffEvents.map((d) => ({ $ref: `#/channels/${PROVIDER_HANDOFF_CHANNEL}/messages/${messageId(d)}` })),
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'NetDirect integration events',
      version: options.version ?? '1.0.0',
      description:
        'Every event the NetDirect services publish on Kafka. Each message value is a JSON envelope ' +
        '(id, type, version, occurredAt, producer, key, correlationId, causationId, data); type and version ' +
        'are repeated as headers. The message key is the aggregate id named by each topic. Delivery is at ' +
        'least once and ordered per key: consumers deduplicate on the envelope id and ignore fields they do ' +
        'not know. Money is integer minor units with an ISO 4217 currency; rates are basis points; BV is an integer.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      schemas: { EventHeaders: headersSchema() },
      messages,
    },
  };
}
