import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { SkuCostState } from './sku-cost';
import { SKU_COST_MODEL } from './sku-cost.schema';

@Injectable()
export class SkuCostRepository extends AggregateStore<SkuCostState> {
  constructor(@InjectModel(SKU_COST_MODEL) model: Model<SkuCostState>, recorder: EventRecorder) {
    super(model, recorder, 'SKU cost');
  }

  /** The SKU's cost record, created without a cost if no receipt has set one yet. */
  async ensure(skuId: string, currency: string): Promise<void> {
    if (!(await this.find(skuId))) await this.insert({ _id: skuId, unitCost: null, currency, applied: [], seq: 0 }, []);
  }
}
