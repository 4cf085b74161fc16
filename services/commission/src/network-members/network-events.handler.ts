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
 * Every network event → the commission service's copy of the tree. One
 * member's events share a key, so they arrive in order; a change for a member
 * whose registration has not arrived yet waits for it. Upline moves overwrite
 * the current path only: accrued lines keep the snapshot they were paid along.
 */
@Controller()
export class NetworkEventsHandler {
  constructor(
    private readonly members: NetworkMembersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnEvent(MemberRegistered, { reads: ['memberId', 'kind', 'sponsorId', 'depth', 'uplinePath', 'market', 'joinedAt', 'ownerPartyId'] })
  async onRegistered({ envelope, payload }: DecodedEvent<MemberRegistered>): Promise<void> {
    await this.members.register({
      _id: payload.memberId,
      kind: payload.kind,
      status: 'active',
      sponsorId: payload.sponsorId ?? null,
      depth: payload.depth,
      uplinePath: payload.uplinePath,
      market: payload.market,
      joinedAt: new Date(payload.joinedAt),
      registeredBy: envelope.id,
      owners: [{ partyId: payload.ownerPartyId ?? payload.memberId, name: null, from: new Date(payload.joinedAt).toISOString(), transferId: null }],
      updatedAt: this.clock.now(),
    });
  }

  @OnEvent(MemberUpgraded, { reads: ['memberId'] })
  async onUpgraded({ payload }: DecodedEvent<MemberUpgraded>): Promise<void> {
    await this.change(payload.memberId, { kind: 'operator' });
  }

  @OnEvent(MemberStatusChanged, { reads: ['memberId', 'to'] })
  async onStatusChanged({ payload }: DecodedEvent<MemberStatusChanged>): Promise<void> {
    await this.change(payload.memberId, { status: payload.to });
  }

  @OnEvent(MemberSponsorChanged, { reads: ['memberId', 'newSponsorId', 'depth', 'uplinePath'] })
  async onSponsorChanged({ payload }: DecodedEvent<MemberSponsorChanged>): Promise<void> {
    await this.change(payload.memberId, { sponsorId: payload.newSponsorId ?? null, depth: payload.depth, uplinePath: payload.uplinePath });
  }

  @OnEvent(MemberMoved, { reads: ['memberId', 'newSponsorId', 'depth', 'uplinePath'] })
  async onMoved({ payload }: DecodedEvent<MemberMoved>): Promise<void> {
    await this.change(payload.memberId, { sponsorId: payload.newSponsorId ?? null, depth: payload.depth, uplinePath: payload.uplinePath });
  }

  /** Lines accrued from `transferredAt` on are the new owner's; earlier ones stay the previous owner's. */
  @OnEvent(MemberPositionTransferred, { reads: ['memberId', 'transferId', 'newOwner', 'transferredAt'] })
  async onTransferred({ payload }: DecodedEvent<MemberPositionTransferred>): Promise<void> {
    const owner = { partyId: payload.newOwner.partyId, name: payload.newOwner.name, from: new Date(payload.transferredAt).toISOString(), transferId: payload.transferId };
    if (!(await this.members.addOwner(payload.memberId, owner, this.clock.now())))
      throw new PrerequisiteMissing(`member ${payload.memberId} not registered yet`);
  }

  private async change(memberId: string, set: Record<string, unknown>): Promise<void> {
    if (!(await this.members.update(memberId, { ...set, updatedAt: this.clock.now() })))
      throw new PrerequisiteMissing(`member ${memberId} not registered yet`);
  }
}
