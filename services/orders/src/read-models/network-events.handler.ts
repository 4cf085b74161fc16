import { Controller, Inject } from '@nestjs/common';
import {
  DecodedEvent,
  MemberMoved,
  MemberPositionTransferred,
  MemberRegistered,
  MemberSponsorChanged,
  MemberStatusChanged,
  MemberUpgraded,
} from '@netdirect/contracts';
import { CLOCK, Clock, OnEvent, PrerequisiteMissing } from '@netdirect/runtime';
import { NetworkMembersRepository } from './network-members.repository';

/**
 * The network's member events → who buys at which price, whose referral code
 * is whose, and who is above whom. One member's events share a key; a change
 * for a member whose registration has not arrived waits for it.
 */
@Controller()
export class NetworkEventsHandler {
  constructor(
    private readonly members: NetworkMembersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(MemberRegistered, { reads: ['memberId', 'kind', 'sponsorId', 'uplinePath', 'market', 'referralCode'] })
  async onRegistered({ payload }: DecodedEvent<MemberRegistered>): Promise<void> {
    await this.members.register({
      _id: payload.memberId,
      kind: payload.kind,
      status: 'active',
      sponsorId: payload.sponsorId ?? null,
      uplinePath: payload.uplinePath,
      market: payload.market,
      ...(payload.referralCode ? { referralCode: payload.referralCode } : {}),
      updatedAt: this.clock.now(),
    });
  }

  @OnEvent(MemberUpgraded, { reads: ['memberId', 'referralCode'] })
  async onUpgraded({ payload }: DecodedEvent<MemberUpgraded>): Promise<void> {
    await this.change(payload.memberId, { kind: 'operator', referralCode: payload.referralCode });
  }

  @OnEvent(MemberStatusChanged, { reads: ['memberId', 'to'] })
  async onStatusChanged({ payload }: DecodedEvent<MemberStatusChanged>): Promise<void> {
    await this.change(payload.memberId, { status: payload.to });
  }

  @OnEvent(MemberSponsorChanged, { reads: ['memberId', 'newSponsorId', 'uplinePath'] })
  async onSponsorChanged({ payload }: DecodedEvent<MemberSponsorChanged>): Promise<void> {
    await this.change(payload.memberId, { sponsorId: payload.newSponsorId ?? null, uplinePath: payload.uplinePath });
  }

  @OnEvent(MemberMoved, { reads: ['memberId', 'newSponsorId', 'uplinePath'] })
  async onMoved({ payload }: DecodedEvent<MemberMoved>): Promise<void> {
    await this.change(payload.memberId, { sponsorId: payload.newSponsorId ?? null, uplinePath: payload.uplinePath });
  }

  /** The position keeps its id, kind, code and place: nothing orders keeps changes, but the member must be known. */
  @OnEvent(MemberPositionTransferred, { reads: ['memberId'] })
  async onTransferred({ payload }: DecodedEvent<MemberPositionTransferred>): Promise<void> {
    await this.change(payload.memberId, {});
  }

  private async change(memberId: string, set: Record<string, unknown>): Promise<void> {
    if (!(await this.members.update(memberId, { ...set, updatedAt: this.clock.now() })))
      throw new PrerequisiteMissing(`member ${memberId} not registered yet`);
  }
}
