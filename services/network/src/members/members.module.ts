import { Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxRelay } from '@netdirect/runtime';
import { ChangeSponsorController } from './commands/change-sponsor/change-sponsor.controller';
import { ChangeSponsorService } from './commands/change-sponsor/change-sponsor.service';
import { ChangeStatusController } from './commands/change-status/change-status.controller';
import { ChangeStatusService } from './commands/change-status/change-status.service';
import { RegisterMemberController } from './commands/register-member/register-member.controller';
import { RegisterMemberService } from './commands/register-member/register-member.service';
import { ReviewMemberController } from './commands/review-member/review-member.controller';
import { ReviewMemberService } from './commands/review-member/review-member.service';
import { UpgradeMemberController } from './commands/upgrade-member/upgrade-member.controller';
import { UpgradeMemberService } from './commands/upgrade-member/upgrade-member.service';
import { MemberRepository } from './member.repository';
import { MEMBER_MODEL, MemberSchema } from './member.schema';
import { ExportSubtreeController } from './queries/export-subtree/export-subtree.controller';
import { GetHistoryController } from './queries/get-history/get-history.controller';
import { GetDownlineController } from './queries/get-downline/get-downline.controller';
import { GetMemberController } from './queries/get-member/get-member.controller';
import { GetSubtreeStatsController } from './queries/get-subtree-stats/get-subtree-stats.controller';
import { GetUplineController } from './queries/get-upline/get-upline.controller';
import { ListReviewsController } from './queries/list-reviews/list-reviews.controller';
import {
  Restructure,
  RestructureLock,
  RestructureLockSchema,
  RestructureSchema,
} from './restructure/restructure.schema';
import { RestructureService } from './restructure/restructure.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MEMBER_MODEL, schema: MemberSchema },
      { name: Restructure.name, schema: RestructureSchema },
      { name: RestructureLock.name, schema: RestructureLockSchema },
    ]),
  ],
  controllers: [
    RegisterMemberController,
    UpgradeMemberController,
    ChangeStatusController,
    ChangeSponsorController,
    ReviewMemberController,
    ListReviewsController,
    GetMemberController,
    GetHistoryController,
    GetUplineController,
    GetDownlineController,
    GetSubtreeStatsController,
    ExportSubtreeController,
  ],
  providers: [
    MemberRepository,
    RestructureService,
    RegisterMemberService,
    UpgradeMemberService,
    ChangeStatusService,
    ChangeSponsorService,
    ReviewMemberService,
  ],
  exports: [MemberRepository],
})
export class MembersModule implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly members: MemberRepository,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.members.model);
  }
}
