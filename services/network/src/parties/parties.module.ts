import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RecordIdentityCheckController } from './commands/record-identity-check/record-identity-check.controller';
import { RecordIdentityCheckService } from './commands/record-identity-check/record-identity-check.service';
import { RegisterPartyController } from './commands/register-party/register-party.controller';
import { RegisterPartyService } from './commands/register-party/register-party.service';
import { PartyRepository } from './party.repository';
import { PARTY_MODEL, PartySchema } from './party.schema';
import { GetPartyController } from './queries/get-party/get-party.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: PARTY_MODEL, schema: PartySchema }])],
  controllers: [RegisterPartyController, GetPartyController, RecordIdentityCheckController],
  providers: [PartyRepository, RegisterPartyService, RecordIdentityCheckService],
  exports: [PartyRepository],
})
export class PartiesModule {}
