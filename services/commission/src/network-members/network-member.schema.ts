import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { MemberStatus } from '@netdirect/contracts';
import { Schema as MongooseSchema } from 'mongoose';

/** One owner of a position, from the instant it took the position on. */
export interface PositionOwnership {
  partyId: string;
  /** Legal name as the network announced it; null for the registering owner (MemberRegistered carries no name). */
  name: string | null;
  /** ISO instant from which lines accrue to this owner. */
  from: string;
  /** The transfer that made it the owner; null for the registering owner. */
  transferId: string | null;
}

/**
 * The commission service's own copy of one member (`network_members`, `_id`
 * = memberId), kept from every event on `network.members.v1`: kind, status,
 * sponsor and upline (nearest first) as they stand now, and the owners of the
 * position over time, so a line is paid to whoever owned the position when it
 * was accrued.
 */
export interface NetworkMemberState {
  _id: string;
  kind: 'consumer' | 'operator';
  status: MemberStatus;
  sponsorId: string | null;
  depth: number;
  uplinePath: string[];
  market: string;
  joinedAt: Date;
  /** Id of the MemberRegistered event this entry came from. */
  registeredBy: string;
  /** Oldest first. */
  owners: PositionOwnership[];
  updatedAt: Date;
}

@Schema({ collection: 'network_members', versionKey: false })
export class NetworkMemberRecord implements NetworkMemberState {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) kind: 'consumer' | 'operator';
  @Prop({ type: String, required: true }) status: MemberStatus;
  @Prop({ type: String, default: null }) sponsorId: string | null;
  @Prop({ type: Number, required: true }) depth: number;
  @Prop({ type: [String], required: true }) uplinePath: string[];
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: Date, required: true }) joinedAt: Date;
  @Prop({ type: String, required: true }) registeredBy: string;
  @Prop({ type: [MongooseSchema.Types.Mixed], required: true }) owners: PositionOwnership[];
  @Prop({ type: Date, required: true }) updatedAt: Date;
}

export const NETWORK_MEMBER_MODEL = 'NetworkMember';
export const NetworkMemberSchema = SchemaFactory.createForClass(NetworkMemberRecord);

/** The party that owned the position at `at` (the registering owner before any transfer). */
export function ownerAt(member: Pick<NetworkMemberState, '_id' | 'owners'>, at: string): string {
  let owner = member.owners[0]?.partyId ?? member._id;
  for (const o of member.owners) if (o.from <= at) owner = o.partyId;
  return owner;
}
