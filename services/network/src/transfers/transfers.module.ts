import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembersModule } from '../members/members.module';
import { PartiesModule } from '../parties/parties.module';
import { DecideTransferController } from './commands/decide-transfer/decide-transfer.controller';
import { DecideTransferService } from './commands/decide-transfer/decide-transfer.service';
import { RequestTransferController } from './commands/request-transfer/request-transfer.controller';
import { RequestTransferService } from './commands/request-transfer/request-transfer.service';
import { GetTransferController } from './queries/get-transfer/get-transfer.controller';
import { ListTransfersController } from './queries/list-transfers/list-transfers.controller';
import { TRANSFER_MODEL, TransferSchema } from './transfer.schema';
import { TransferPolicyProvider } from './transfer-policy.provider';
import { TransferRepository } from './transfer.repository';

@Module({
  imports: [
    MembersModule,
    PartiesModule,
    MongooseModule.forFeature([{ name: TRANSFER_MODEL, schema: TransferSchema }]),
  ],
  controllers: [RequestTransferController, ListTransfersController, GetTransferController, DecideTransferController],
  providers: [TransferPolicyProvider, TransferRepository, RequestTransferService, DecideTransferService],
})
export class TransfersModule {}
