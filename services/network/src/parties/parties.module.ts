import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RecordIdentityCheckController } from './commands/record-identity-check/record-identity-check.controller';
import { RegisterPartyController } from './commands/register-party/register-party.controller';
import { Party, PartySchema } from './party.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: Party.name, schema: PartySchema }])],
  controllers: [RegisterPartyController, RecordIdentityCheckController],
  exports: [MongooseModule],
})
export class PartiesModule {}
