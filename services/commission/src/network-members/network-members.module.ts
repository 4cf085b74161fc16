import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GetNetworkMemberController } from './get-network-member.controller';
import { MemberRegisteredHandler } from './member-registered.handler';
import { NetworkMember, NetworkMemberSchema } from './network-member.schema';

/** The read model of the referral network that commissions are paid along. */
@Module({
  imports: [MongooseModule.forFeature([{ name: NetworkMember.name, schema: NetworkMemberSchema }])],
  controllers: [MemberRegisteredHandler, GetNetworkMemberController],
})
export class NetworkMembersModule {}
