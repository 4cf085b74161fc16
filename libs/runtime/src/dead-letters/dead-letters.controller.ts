import { Controller, Get, HttpCode, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../http/error-body';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { DeadLetterService } from './dead-letter.service';
import { storedBytes } from '../kafka/stored-message';
import { DeadLetterStatus } from './dead-letter.schema';

class ListDeadLettersQuery {
  @ApiPropertyOptional({ enum: ['pending', 'replayed'] })
  @IsOptional()
  @IsIn(['pending', 'replayed'])
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ description: 'Only dead letters from this topic', maxLength: 249 })
  @IsOptional()
  @IsString()
  @MaxLength(249)
  topic?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

class DeadLetterView {
  @ApiProperty({ description: 'Dead-letter id' }) id: string;
  @ApiProperty({ description: 'Topic the message was consumed from' }) topic: string;
  @ApiProperty({ type: 'integer' }) partition: number;
  @ApiProperty({ description: 'Offset, as Kafka gives it (a decimal string)' }) offset: string;
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The original value as UTF-8 text' }) value: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers: Record<string, string>;
  @ApiProperty({ description: 'Why: malformed-json, invalid-envelope, invalid-payload, rejected, retries-exhausted, …' })
  kind: string;
  @ApiProperty() error: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ enum: ['pending', 'replayed'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) failedAt: Date;
  @ApiProperty({ type: 'integer' }) replays: number;
  @ApiProperty({ type: String, nullable: true }) lastReplayError: string | null;
}

class ReplayOutcomeView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['handled', 'ignored', 'deferred', 'failed'] }) outcome: string;
  @ApiPropertyOptional({ description: 'Why the replay failed' }) error?: string;
}

class ReplayAllView {
  @ApiProperty({ type: 'integer' }) replayed: number;
  @ApiProperty({ type: 'integer' }) failed: number;
  @ApiProperty({ type: [ReplayOutcomeView] }) results: ReplayOutcomeView[];
}

const ID_PARAM = { name: 'id', description: 'Dead-letter id', schema: { type: 'string', maxLength: 200 } } as const;

function view(dl: Awaited<ReturnType<DeadLetterService['get']>>): DeadLetterView {
  const { _id, value, ...rest } = dl;
  return {
    id: _id,
    ...rest,
    value: storedBytes(value)?.toString('utf8') ?? null,
  } as DeadLetterView;
}

/** Ops: inspect and replay the messages this service's consumers gave up on. */
@ApiTags('ops')
@ApiBearerAuth()
@Roles('ops')
@Controller('ops/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters, oldest first.' })
  @ApiOkResponse({ type: [DeadLetterView] })
  async list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterView[]> {
    return (await this.deadLetters.list(query)).map(view);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter, with the original bytes and headers.' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: DeadLetterView })
  @ApiErrors(404)
  async get(@Param('id') id: string): Promise<DeadLetterView> {
    return view(await this.deadLetters.get(id));
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run one dead letter through the handlers again. 422 with the reason if it fails again.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ReplayOutcomeView })
  @ApiErrors(404, 422)
  async replay(@Param('id') id: string) {
    const result = await this.deadLetters.replay(id);
    if (result.outcome === 'failed') throw new UnprocessableEntityException(`Replay failed: ${result.error}`);
    return result;
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every pending dead letter; reports each outcome.' })
  @ApiOkResponse({ type: ReplayAllView })
  async replayAll() {
    const results = await this.deadLetters.replayAll();
    return {
      replayed: results.filter((r) => r.outcome !== 'failed').length,
      failed: results.filter((r) => r.outcome === 'failed').length,
      results,
    };
  }
}
