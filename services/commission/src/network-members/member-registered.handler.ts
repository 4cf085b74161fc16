import { Controller } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { MemberRegistered } from '@netdirect/contracts';
import { DecodedEvent, OnEvent } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { NetworkMember } from './network-member.schema';

/** Keeps {@link NetworkMember} from MemberRegistered. */
@Controller()
export class MemberRegisteredHandler {
  constructor(@InjectModel(NetworkMember.name) private readonly members: Model<NetworkMember>) {}

  /** Idempotent: keyed by member id and written only on insert, so a redelivery changes nothing. */
  @OnEvent(MemberRegistered)
  async handle({ envelope, payload }: DecodedEvent<MemberRegistered>): Promise<void> {
    await this.members
      .updateOne(
        { _id: payload.memberId },
        {
          $setOnInsert: {
            kind: payload.kind,
            sponsorId: payload.sponsorId ?? null,
            depth: payload.depth,
            uplinePath: payload.uplinePath,
            market: payload.market,
            joinedAt: new Date(payload.joinedAt),
            registeredBy: envelope.id,
          },
        },
        { upsert: true },
      )
      .exec();
  }
}
