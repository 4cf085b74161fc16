import { Injectable } from '@nestjs/common';

/** Answers the details of a ready part, or throws (rejects) with what it is waiting for. */
export type ReadinessCheck = () => Promise<Record<string, unknown>> | Record<string, unknown>;

/**
 * The parts of a service, beyond Kafka and the database, that must be ready
 * before it takes traffic: `GET /health/ready` answers 503 naming them until
 * they are (an orchestrator keeps the replica out of rotation meanwhile).
 *
 * ```ts
 * onModuleInit() {
 *   this.readiness.register('search-index', () => {
 *     if (!this.loaded) throw new Error(`loading (${this.index.size} products so far)`);
 *     return { products: this.index.size };
 *   });
 * }
 * ```
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (name === 'database' || name === 'kafka' || this.checks.has(name))
      throw new Error(`readiness check "${name}" is registered already`);
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
