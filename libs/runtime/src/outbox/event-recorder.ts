import { Inject, Injectable } from '@nestjs/common';
import { checkEventTopic, createEnvelope, TopicDefinition } from '@netdirect/contracts';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { PendingEvent } from './outbox.schema';
import { CORRELATION_ID, CAUSATION_ID } from '../logging/correlation';

/** Options of {@link EventRecorder.record}. */
export interface RecordOptions {
  /** A derived id (see `derivedId`) makes recording the same fact again produce the same event. */
  id?: string;
  occurredAt?: Date;
}

/** Options of {@link EventRecorder.record} that publish one event on more than its own topic. */
export interface RecordFanOutOptions extends RecordOptions {
  /**
   * Topics that also get this event, unchanged (same envelope id and bytes),
   * e.g. a logistics provider's handoff topic beside `logistics.shipments.v1`.
   * Each must belong to this service and be one the contracts allow the event
   * on; the relay creates it at first use if it does not exist.
   */
  alsoTo: TopicDefinition[];
}

/**
 * Turns a payload into {@link PendingEvent}s: validates it against its
 * contract class, wraps it in an envelope whose correlation and causation ids
 * come from the current request or message, and serialises it. Use cases
 * record; they never publish.
 *
 * ```ts
 * const events = this.events.record(ShipmentRequested, data, { alsoTo: [providerHandoffTopic(data.providerId)] });
 * await this.shipments.create(newWithEvents(shipment, events));
 * ```
 */
@Injectable()
export class EventRecorder {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly cls: ClsService,
  ) {}

  record<T extends object>(payloadClass: new () => T, data: T, options: RecordFanOutOptions): PendingEvent[];
  record<T extends object>(payloadClass: new () => T, data: T, options?: RecordOptions): PendingEvent;
  record<T extends object>(
    payloadClass: new () => T,
    data: T,
    options: RecordOptions & Partial<RecordFanOutOptions> = {},
  ): PendingEvent | PendingEvent[] {
    const correlationId = this.cls.isActive()
      ? (this.cls.get<string>(CORRELATION_ID) ?? randomUUID())
      : randomUUID();
    const causationId = this.cls.isActive()
      ? (this.cls.get<string>(CAUSATION_ID) ?? correlationId)
      : correlationId;
    const { descriptor, envelope } = createEnvelope(payloadClass, data, {
      producer: this.config.service.name,
      correlationId,
      causationId,
      id: options.id,
      occurredAt: options.occurredAt,
    });
    const event: PendingEvent = {
      id: envelope.id,
      topic: descriptor.topic.name,
      key: envelope.key,
      type: envelope.type,
      value: JSON.stringify(envelope),
      recordedAt: new Date(),
    };
    if (!options.alsoTo) return event;
    const copies = options.alsoTo.map((topic): PendingEvent => {
      if (topic.owner !== this.config.service.name) {
        throw new Error(`${this.config.service.name} cannot publish to ${topic.name} (owned by ${topic.owner})`);
      }
      if (topic.name === descriptor.topic.name) throw new Error(`${topic.name} is already ${descriptor.type}'s topic`);
      // A topic consumers would refuse the event on (wrong-topic) is refused here, before anything is written.
      checkEventTopic(descriptor, topic.name);
      return {
        ...event,
        topic: topic.name,
        topicPartitions: topic.partitions,
        ...(topic.retention.kind === 'time' ? { topicRetentionMs: topic.retention.ms } : {}),
      };
    });
    return [event, ...copies];
  }
}
