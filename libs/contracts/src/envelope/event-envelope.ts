import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { SERVICE_NAMES, ServiceName } from '../topics/topic-definition';

/**
 * The JSON value of every message on every topic.
 *
 * `correlationId` ties together everything caused by one outside request;
 * `causationId` is the id of the message (or request) that directly caused this
 * one. Type and version are repeated as Kafka headers so a consumer can route
 * without parsing.
 */
export class EventEnvelope<T extends object = Record<string, unknown>> {
  /** Unique id of this event; consumers derive their effect ids from it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id: string;

  @IsString()
  @Matches(/^[A-Z][A-Za-z0-9]+$/)
  type: string;

  @IsInt()
  @Min(1)
  version: number;

  /** ISO-8601 instant at which the state change happened. */
  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsIn(SERVICE_NAMES)
  producer: ServiceName;

  /** The aggregate id; also the Kafka message key. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  key: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  correlationId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  causationId: string;

  @IsObject()
  @Type(() => Object)
  data: T;
}

/** Kafka header names carried by every message. */
export const EventHeaders = {
  eventId: 'event-id',
  type: 'event-type',
  version: 'event-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  producer: 'producer',
  contentType: 'content-type',
} as const;
