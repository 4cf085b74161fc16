import { Controller, Get, HttpCode, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { DeadLetterService } from './dead-letter.service';
import { DeadLetterStatus, storedBytes } from './dead-letter.schema';

class ListDeadLettersQuery {
  @ApiPropertyOptional({ enum: ['pending', 'replayed'] })
  @IsOptional()
  @IsIn(['pending', 'replayed'])
  status?: DeadLetterStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  topic?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

class DeadLetterView {
  @ApiProperty() id: string;
  @ApiProperty() topic: string;
  @ApiProperty() partition: number;
  @ApiProperty() offset: string;
  @ApiProperty({ nullable: true }) key: string | null;
  @ApiProperty({ description: 'The original value as UTF-8 text' }) value: string | null;
  @ApiProperty() headers: Record<string, string>;
  @ApiProperty() kind: string;
  @ApiProperty() error: string;
  @ApiProperty() attempts: number;
  @ApiProperty() status: string;
  @ApiProperty() failedAt: Date;
  @ApiProperty() replays: number;
  @ApiProperty({ nullable: true }) lastReplayError: string | null;
}

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
  async list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterView[]> {
    return (await this.deadLetters.list(query)).map(view);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<DeadLetterView> {
    return view(await this.deadLetters.get(id));
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run one dead letter through the handlers again. 422 with the reason if it fails again.',
  })
  async replay(@Param('id') id: string) {
    const result = await this.deadLetters.replay(id);
    if (result.outcome === 'failed') throw new UnprocessableEntityException(`Replay failed: ${result.error}`);
    return result;
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every pending dead letter; reports each outcome.' })
  async replayAll() {
    const results = await this.deadLetters.replayAll();
    return {
      replayed: results.filter((r) => r.outcome !== 'failed').length,
      failed: results.filter((r) => r.outcome === 'failed').length,
      results,
    };
  }
}
