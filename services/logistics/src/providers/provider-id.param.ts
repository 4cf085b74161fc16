import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PROVIDER_ID } from './commands/register-provider/register-provider.request';

/** `:id` of the provider routes. */
export class ProviderIdParam {
  @ApiProperty({ pattern: PROVIDER_ID.source })
  @Matches(PROVIDER_ID, { message: 'id must be a provider id' })
  id: string;
}
