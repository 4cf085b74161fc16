import { Inject, Injectable } from '@nestjs/common';
import { createEnvelope } from '@netdirect/contracts';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { PendingEvent } from './outbox.schema';
import { CORRELATION_ID, CAUSATION_ID } from '../logging/correlation';

/**
 * Turns a payload into a {@link PendingEvent}: validates it against its
 * contract class, wraps it in an envelope whose correlation and causation ids
 * come from the current request or message, and serialises it. Use cases
 * record; they never publish.
 */
@Injectable()
export class EventRecorder {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly cls: ClsService,
  ) {}

  record<T extends object>(
    payloadClass: new () => T,
    data: T,
    options: { id?: string; occurredAt?: Date } = {},
  ): PendingEvent {
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
    return {
      id: envelope.id,
      topic: descriptor.topic.name,
      key: envelope.key,
      type: envelope.type,
      value: JSON.stringify(envelope),
      recordedAt: new Date(),
    };
  }
}
