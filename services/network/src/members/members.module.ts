import { Module, OnModuleInit } from '@nestjs/common';
import { InjectModel, MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { RegisterMemberController } from './commands/register-member/register-member.controller';
import { RegisterMemberService } from './commands/register-member/register-member.service';
import { Member, MemberSchema } from './member.schema';
import { GetMemberController } from './queries/get-member/get-member.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: Member.name, schema: MemberSchema }])],
  controllers: [RegisterMemberController, GetMemberController],
  providers: [RegisterMemberService],
})
export class MembersModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    @InjectModel(Member.name) private readonly members: Model<Member>,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.members);
  }
}
