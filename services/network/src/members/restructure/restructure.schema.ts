import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A change that rewrites the upline paths of a whole subtree: a termination
 * (the direct downline rolls up to the sponsor) or a sponsor change. Without
 * multi-document transactions it is a job: recorded first, then applied
 * member by member with compare-and-set writes and event ids derived from the
 * job, so a crash half-way is finished by running the job again.
 */
@Schema({ collection: 'restructures', versionKey: false })
export class Restructure {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true, enum: ['terminate', 'sponsor-change'] }) kind:
    | 'terminate'
    | 'sponsor-change';
  @Prop({ type: String, required: true }) memberId: string;
  /** Sponsor change: the new sponsor. */
  @Prop({ type: String }) newSponsorId?: string;
  @Prop({ type: String, required: true }) by: string;
  @Prop({ type: String, required: true }) reason: string;
  @Prop({ type: String, required: true, enum: ['running', 'done'] }) status: 'running' | 'done';
  @Prop({ type: Number, default: 0 }) moved: number;
  @Prop({ type: Date, required: true }) startedAt: Date;
  @Prop({ type: Date }) finishedAt?: Date;
}

export const RestructureSchema = SchemaFactory.createForClass(Restructure);
RestructureSchema.index({ status: 1 });

/** One restructure at a time across replicas: a lease on a single document. */
@Schema({ collection: 'restructure_lock', versionKey: false })
export class RestructureLock {
  @Prop({ type: String }) _id: string;
  @Prop({ type: String, required: true }) jobId: string;
  @Prop({ type: Date, required: true }) until: Date;
}

export const RestructureLockSchema = SchemaFactory.createForClass(RestructureLock);
