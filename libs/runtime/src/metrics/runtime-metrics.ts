import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type BacklogCollector = () => Promise<{ collection: string; count: number }[]>;

/**
 * The runtime's Prometheus metrics, in a registry of their own (one per
 * application, so several apps can live in one process, as in tests).
 */
export class RuntimeMetrics {
  readonly registry = new Registry();

  readonly consumed = new Counter({
    name: 'netdirect_consumer_messages_total',
    help: 'Messages seen by a consumer, by outcome: handled, ignored (no handler), retried, deferred (parked until a prerequisite arrives), dead_lettered, failed.',
    labelNames: ['group', 'topic', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'netdirect_consumer_lag',
    help: 'Messages behind the end of the partition after the last batch.',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly handlerDuration = new Histogram({
    name: 'netdirect_consumer_handler_seconds',
    help: 'Time to process one message, retries included.',
    labelNames: ['group', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly outboxPublished = new Counter({
    name: 'netdirect_outbox_published_total',
    help: 'Events published by the outbox relay.',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'netdirect_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by reason kind.',
    labelNames: ['topic', 'kind'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'netdirect_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private backlogCollector?: BacklogCollector;

  readonly outboxBacklog = Object.assign(
    new Gauge({
      name: 'netdirect_outbox_backlog',
      help: 'Aggregate documents holding events not yet published, per collection.',
      labelNames: ['collection'] as const,
      registers: [this.registry],
      collect: async () => {
        if (!this.backlogCollector) return;
        for (const { collection, count } of await this.backlogCollector()) {
          this.outboxBacklog.set({ collection }, count);
        }
      },
    }),
    {
      setCollector: (c: BacklogCollector) => {
        this.backlogCollector = c;
      },
    },
  );

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
