import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The commission service's own copy of the network, kept from
 * `network.members.v1`: who sponsors whom and each member's upline, nearest
 * first — what a commission run walks to find beneficiaries.
 */
@Schema({ collection: 'network_members', versionKey: false })
export class NetworkMember {
  /** The member id. */
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) kind: 'consumer' | 'operator';
  @Prop({ type: String, default: null }) sponsorId: string | null;
  @Prop({ type: Number, required: true }) depth: number;
  @Prop({ type: [String], required: true }) uplinePath: string[];
  @Prop({ type: String, required: true }) market: string;
  @Prop({ type: Date, required: true }) joinedAt: Date;
  /** Id of the event that created this entry. */
  @Prop({ type: String, required: true }) registeredBy: string;
}

export const NetworkMemberSchema = SchemaFactory.createForClass(NetworkMember);
NetworkMemberSchema.index({ uplinePath: 1 });
