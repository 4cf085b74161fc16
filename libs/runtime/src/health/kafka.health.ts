import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MESSAGE_BROKER, MessageBroker } from '../kafka/broker';

/** Ready when a metadata request to the Kafka cluster answers. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    @Inject(MESSAGE_BROKER) private readonly broker: MessageBroker,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 3000) {
    const indicator = this.health.check(key);
    try {
      const { brokers } = await this.broker.admin.ping(timeoutMs);
      return indicator.up({ brokers });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    }
  }
}
