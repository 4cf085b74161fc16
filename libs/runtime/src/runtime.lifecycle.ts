import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { deadLetterTopic } from '@netdirect/contracts';
import { SERVICE_CONFIG, ServiceConfig } from './config/service-config';
import { MESSAGE_BROKER, MessageBroker } from './kafka/broker';
import { OutboxRelay } from './outbox/outbox-relay.service';

/** Something that consumes and must stop first on shutdown (the Kafka transport). */
export interface Stoppable {
  close(): Promise<void>;
}

/**
 * Start-up and the order of shutdown. Start: every model's indexes exist
 * (awaited before anything reads, writes or consumes), then connect the
 * producer, make sure the dead-letter topic exists, start the outbox relay. Shutdown (SIGTERM):
 * stop consuming and finish the message in flight, flush the outbox,
 * disconnect from Kafka; NestJS then closes the HTTP server and, last, the
 * database connection.
 */
@Injectable()
export class RuntimeLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Runtime');
  private readonly consumers: Stoppable[] = [];

  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly relay: OutboxRelay,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  /**
   * Indexes before traffic: a unique index built after writes may fail on
   * MongoDB (duplicates already in), and on the embedded store a write racing
   * an index build used to throw. Mongoose starts building them when a model is
   * compiled; this waits for every model of the connection, and fails the
   * start if one cannot be built.
   */
  async onModuleInit(): Promise<void> {
    await Promise.all(Object.values(this.connection.models).map((model) => model.init()));
  }

  attachConsumer(consumer: Stoppable): void {
    this.consumers.push(consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.broker.connect();
    const dlq = deadLetterTopic(this.config.service.name);
    await this.broker.admin.ensureTopics([{ name: dlq.name, partitions: dlq.partitions }]);
    this.relay.start();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: stopping consumers`);
    // Each step is bounded: with Kafka gone, a client would otherwise retry for minutes.
    await this.bounded('stop consumers', Promise.all(this.consumers.map((c) => c.close())));
    await this.bounded('flush the outbox', this.relay.stop());
    await this.bounded('disconnect from Kafka', this.broker.disconnect());
    this.logger.log('consumers stopped, outbox flushed, Kafka disconnected');
  }

  private async bounded(step: string, work: Promise<unknown>, ms = 10000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
    try {
      const result = await Promise.race([work.then(() => 'done' as const), timeout]);
      if (result === 'timeout') this.logger.error(`shutdown: could not ${step} within ${ms} ms; going on`);
    } catch (e) {
      this.logger.error(`shutdown: could not ${step}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
