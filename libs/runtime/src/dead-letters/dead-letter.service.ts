import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { deadLetterTopic } from '@netdirect/contracts';
import { Model } from 'mongoose';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { isDuplicateKeyError } from '../consumer/errors';
import { IncomingMessage, MESSAGE_BROKER, MessageBroker } from '../kafka/broker';
import { DeadLetterSink } from '../kafka/kafka-event.transport';
import { fromStoredMessage, toStoredMessage } from '../kafka/stored-message';
import { DeadLetter, DeadLetterStatus } from './dead-letter.schema';

/** Re-runs a stored message through the service's handlers. */
export interface MessageDispatcher {
  dispatch(message: IncomingMessage): Promise<'handled' | 'ignored'>;
}


export interface ReplayOutcome {
  id: string;
  outcome: 'handled' | 'ignored' | 'failed';
  error?: string;
}

/** Dead-letter headers added to the original ones on the dead-letter topic. */
export const DeadLetterHeaders = {
  kind: 'dlq-kind',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  group: 'dlq-group',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  failedAt: 'dlq-failed-at',
} as const;

/**
 * Sends failed messages to the service's dead-letter topic (for outside
 * tooling) and keeps them in its database (for ops to list and replay).
 */
@Injectable()
export class DeadLetterService implements DeadLetterSink {
  private readonly logger = new Logger(DeadLetterService.name);
  private dispatcher?: MessageDispatcher;

  constructor(
    @InjectModel(DeadLetter.name) private readonly model: Model<DeadLetter>,
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Set once the consumer transport exists (it is created after the application). */
  attachDispatcher(dispatcher: MessageDispatcher): void {
    this.dispatcher = dispatcher;
  }

  async deadLetter(
    message: IncomingMessage,
    failure: { group: string; kind: string; error: string; attempts: number },
  ): Promise<void> {
    const failedAt = new Date();
    const error = failure.error.slice(0, 4000);
    await this.broker.send(deadLetterTopic(this.config.service.name).name, [
      {
        key: message.key ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...message.headers,
          [DeadLetterHeaders.kind]: failure.kind,
          [DeadLetterHeaders.error]: error,
          [DeadLetterHeaders.attempts]: String(failure.attempts),
          [DeadLetterHeaders.group]: failure.group,
          [DeadLetterHeaders.topic]: message.topic,
          [DeadLetterHeaders.partition]: String(message.partition),
          [DeadLetterHeaders.offset]: message.offset,
          [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
        },
      },
    ]);
    try {
      await this.model.create({
        _id: `${failure.group}:${message.topic}:${message.partition}:${message.offset}`,
        ...toStoredMessage(failure.group, message),
        kind: failure.kind,
        error,
        attempts: failure.attempts,
        failedAt,
        status: 'pending',
      });
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
    }
  }

  async list(filter: { status?: DeadLetterStatus; topic?: string; limit?: number }) {
    const query: Record<string, unknown> = {};
    if (filter.status) query.status = filter.status;
    if (filter.topic) query.topic = filter.topic;
    return this.model
      .find(query)
      .sort({ failedAt: 1 })
      .limit(Math.min(filter.limit ?? 100, 1000))
      .lean()
      .exec();
  }

  async get(id: string) {
    const found = await this.model.findById(id).lean().exec();
    if (!found) throw new NotFoundException(`No dead letter ${id}`);
    return found;
  }

  /** Run one dead letter through the handlers again; on success it is marked replayed. */
  async replay(id: string): Promise<ReplayOutcome> {
    const dl = await this.get(id);
    if (!this.dispatcher) throw new Error('No consumer is attached to replay into');
    const message = fromStoredMessage(dl, dl.failedAt);
    try {
      const outcome = await this.dispatcher.dispatch(message);
      await this.model
        .updateOne(
          { _id: id },
          {
            $set: { status: 'replayed', replayedAt: new Date(), lastReplayError: null },
            $inc: { replays: 1 },
          },
        )
        .exec();
      this.logger.log(`dead letter ${id} replayed: ${outcome}`);
      return { id, outcome };
    } catch (e) {
      const error = (e as Error).message ?? String(e);
      await this.model
        .updateOne({ _id: id }, { $set: { lastReplayError: error }, $inc: { replays: 1 } })
        .exec();
      return { id, outcome: 'failed', error };
    }
  }

  /** Replay every pending dead letter, oldest first. */
  async replayAll(limit = 1000): Promise<ReplayOutcome[]> {
    const pending = await this.list({ status: 'pending', limit });
    const out: ReplayOutcome[] = [];
    for (const dl of pending) out.push(await this.replay(dl._id));
    return out;
  }
}
