import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembersModule } from '../members/members.module';
import { PartiesModule } from '../parties/parties.module';
import { DecideTransferController } from './commands/decide-transfer/decide-transfer.controller';
import { DecideTransferService } from './commands/decide-transfer/decide-transfer.service';
import { RequestTransferController } from './commands/request-transfer/request-transfer.controller';
import { RequestTransferService } from './commands/request-transfer/request-transfer.service';
import { Transfer, TransferSchema } from './transfer.schema';
import { TransferPolicyProvider } from './transfer-policy.provider';

@Module({
  imports: [
    MembersModule,
    PartiesModule,
    MongooseModule.forFeature([{ name: Transfer.name, schema: TransferSchema }]),
  ],
  controllers: [RequestTransferController, DecideTransferController],
  providers: [TransferPolicyProvider, RequestTransferService, DecideTransferService],
})
export class TransfersModule {}
