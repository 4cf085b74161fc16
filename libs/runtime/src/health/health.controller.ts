import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, MongooseHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { KafkaHealthIndicator } from './kafka.health';
import { ReadinessChecks } from './readiness-checks';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly parts: ReadinessChecks,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'The process is up (no dependency is checked).' })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: "Kafka, the database and the service's own parts (ReadinessChecks) are ready; 503 names the failing part.",
  })
  ready() {
    return this.health.check([
      () => this.mongo.pingCheck('database', { timeout: 2000 }),
      () => this.kafka.check('kafka'),
      ...this.parts.entries().map(([name, check]) => async () => {
        const indicator = this.indicators.check(name);
        try {
          return indicator.up(await check());
        } catch (e) {
          return indicator.down({ message: (e as Error).message });
        }
      }),
    ]);
  }
}
