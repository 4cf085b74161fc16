import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, isDuplicateKeyError } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { PricingTerms, termsProblems } from '../pricing-policy';
import { PRICING_POLICY_MODEL, PricingPolicyVersion } from './pricing-policy.schema';

/** Pricing policy versions: append-only, read by version or the latest. */
@Injectable()
export class PricingPolicyRepository {
  constructor(@InjectModel(PRICING_POLICY_MODEL) private readonly policies: Model<PricingPolicyVersion>) {}

  /** The latest version, or null before ops saved any. Versions are few, so sorting on `_id` is cheap on every store. */
  async current(): Promise<PricingPolicyVersion | null> {
    const [latest] = await this.policies.collection
      .find<PricingPolicyVersion>({})
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    return latest ?? null;
  }

  async find(version: number): Promise<PricingPolicyVersion | null> {
    return this.policies.collection.findOne<PricingPolicyVersion>({ _id: version as never });
  }

  async get(version: number): Promise<PricingPolicyVersion> {
    const policy = await this.find(version);
    if (!policy) throw DomainError.notFound(`No pricing policy version ${version}`);
    return policy;
  }

  /** Store the terms as the next version (422 if they break a rule, 409 if another version was saved meanwhile). */
  async append(terms: PricingTerms, by: string, at: Date): Promise<PricingPolicyVersion> {
    const [problem] = termsProblems(terms);
    if (problem) throw DomainError.rule(problem.field, problem.reason);
    const version: PricingPolicyVersion = {
      _id: ((await this.current())?._id ?? 0) + 1,
      memberMarkupBps: terms.memberMarkupBps,
      retailMarkupBps: terms.retailMarkupBps,
      bvShareBps: terms.bvShareBps,
      minPlatformMarkupBps: terms.minPlatformMarkupBps,
      retailShareBps: terms.retailShareBps,
      marginShareBps: terms.marginShareBps,
      repricingThresholdBps: terms.repricingThresholdBps,
      createdAt: at,
      createdBy: by,
    };
    try {
      await this.policies.collection.insertOne(version as never);
    } catch (e) {
      if (isDuplicateKeyError(e))
        throw DomainError.conflict(
          'Another pricing policy version was saved meanwhile; read it and try again',
        );
      throw e;
    }
    return version;
  }
}
