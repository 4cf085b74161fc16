import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { PricingTerms } from '../pricing-policy';

const rate = (description: string, max: number, example: number) =>
  ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: max,
    example,
    description: `${description} Basis points (10000 = 100 %).`,
  });

/**
 * A new pricing policy version. Rules across fields answer 422:
 * retailShareBps + marginShareBps ≤ 10000, memberMarkupBps ≥ minPlatformMarkupBps.
 */
export class PricingTermsRequest implements PricingTerms {
  @rate('member = cost × (1 + memberMarkup) on a first price.', 100000, 5000)
  @IsInt()
  @Min(0)
  @Max(100000)
  memberMarkupBps: number;

  @rate('retail = member × (1 + retailMarkup) on a first price.', 100000, 4000)
  @IsInt()
  @Min(0)
  @Max(100000)
  retailMarkupBps: number;

  @rate('BV = member price × bvShare, in points.', 10000, 5000)
  @IsInt()
  @Min(0)
  @Max(10000)
  bvShareBps: number;

  @rate(
    'The member price never falls below cost × (1 + minPlatformMarkup); at most memberMarkupBps (422).',
    100000,
    1000,
  )
  @IsInt()
  @Min(0)
  @Max(100000)
  minPlatformMarkupBps: number;

  @rate('Share of a cost change passed on to the retail price.', 10000, 5000)
  @IsInt()
  @Min(0)
  @Max(10000)
  retailShareBps: number;

  @rate(
    'Share of a cost change passed on to the operators’ margin; retailShareBps + marginShareBps ≤ 10000 (422); the rest is the platform’s.',
    10000,
    2500,
  )
  @IsInt()
  @Min(0)
  @Max(10000)
  marginShareBps: number;

  @rate(
    'Reprice only once the cost basis moved by more than this share of the cost the price was set at.',
    10000,
    100,
  )
  @IsInt()
  @Min(0)
  @Max(10000)
  repricingThresholdBps: number;
}
