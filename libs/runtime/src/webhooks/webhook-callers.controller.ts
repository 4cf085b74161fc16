import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/error-body';
import { CHANNEL } from './signed-webhook.metadata';
import { WebhookCallersService } from './webhook-callers.service';

const CALLER_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

class CreateWebhookCallerRequest {
  @ApiProperty({
    description: 'The outside party, as it appears in its webhook URL (e.g. a provider id)',
    pattern: CALLER_ID.source,
    example: 'acme-pay',
  })
  @IsString()
  @Matches(CALLER_ID, { message: 'id must be 2-63 lowercase letters, digits or "-"' })
  id: string;

  @ApiProperty({
    description: "One of this service's webhook channels",
    example: 'payments',
    pattern: CHANNEL.source,
  })
  @IsString()
  @Matches(CHANNEL)
  channel: string;

  @ApiPropertyOptional({ description: 'A name for people', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

class WebhookSecretInfoView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

class WebhookCallerView {
  @ApiProperty() id: string;
  @ApiProperty() channel: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({
    type: [WebhookSecretInfoView],
    description: 'Active secrets (at most two), without their values',
  })
  secrets: WebhookSecretInfoView[];
}

class IssuedWebhookSecretView {
  @ApiProperty() id: string;
  @ApiProperty({
    description:
      'The Standard Webhooks secret (`whsec_…`). Shown only in this answer: hand it to the caller now.',
  })
  value: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

/** The caller as registered, with its first secret's value (shown only here). */
class CreatedWebhookCallerView extends WebhookCallerView {
  @ApiProperty({ type: IssuedWebhookSecretView }) secret: IssuedWebhookSecretView;
}

const ID_PARAM = { name: 'id', description: 'Caller id', schema: { type: 'string', maxLength: 63 } } as const;

/**
 * Ops: register the outside parties that call this service's signed webhooks
 * and manage their secrets. A secret's value is in the answer that issues it
 * and nowhere else; rotate by issuing a second secret, letting the caller
 * move to it, then deleting the first.
 */
@ApiTags('webhook callers')
@Controller('v1/webhook-callers')
@Roles('ops')
export class WebhookCallersController {
  constructor(private readonly callers: WebhookCallersService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook caller and issue its first secret',
    description: "422 when the channel is not one of this service's webhook channels; 409 when the id is taken.",
  })
  @ApiCreatedResponse({ type: CreatedWebhookCallerView })
  @ApiErrors(409, 422)
  async create(@Body() body: CreateWebhookCallerRequest): Promise<CreatedWebhookCallerView> {
    const { caller, secret } = await this.callers.create(body);
    return { ...caller, secret };
  }

  @Get()
  @ApiOperation({ summary: 'List webhook callers (secrets without their values)' })
  @ApiOkResponse({ type: [WebhookCallerView] })
  list(): Promise<WebhookCallerView[]> {
    return this.callers.list();
  }

  @Get(':id')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'One webhook caller (secrets without their values)' })
  @ApiOkResponse({ type: WebhookCallerView })
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<WebhookCallerView> {
    return this.callers.get(id);
  }

  @Post(':id/secrets')
  @ApiParam(ID_PARAM)
  @ApiOperation({ summary: 'Issue another secret (rotation); refused while the caller has two' })
  @ApiCreatedResponse({ type: IssuedWebhookSecretView })
  @ApiErrors(404, 409, 422)
  addSecret(@Param('id') id: string): Promise<IssuedWebhookSecretView> {
    return this.callers.addSecret(id);
  }

  @Delete(':id/secrets/:secretId')
  @ApiParam(ID_PARAM)
  @ApiParam({ name: 'secretId', description: 'Secret id', schema: { type: 'string', maxLength: 40 } })
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a secret: deliveries signed with it are refused from now on' })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async removeSecret(@Param('id') id: string, @Param('secretId') secretId: string): Promise<void> {
    await this.callers.removeSecret(id, secretId);
  }
}
