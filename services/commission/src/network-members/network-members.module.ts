import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GetNetworkMemberController } from './get-network-member.controller';
import { NetworkEventsHandler } from './network-events.handler';
import { NETWORK_MEMBER_MODEL, NetworkMemberSchema } from './network-member.schema';
import { NetworkMembersRepository } from './network-members.repository';

/** The read model of the referral network that commissions are paid along. */
@Module({
  imports: [MongooseModule.forFeature([{ name: NETWORK_MEMBER_MODEL, schema: NetworkMemberSchema }])],
  controllers: [NetworkEventsHandler, GetNetworkMemberController],
  providers: [NetworkMembersRepository],
  exports: [NetworkMembersRepository],
})
export class NetworkMembersModule {}
