import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { ProviderState } from './provider';
import { PROVIDER_MODEL } from './provider.schema';

/** Where providers are kept; a handful of them, read whole for every routing decision. */
@Injectable()
export class ProviderRepository extends AggregateStore<ProviderState> {
  constructor(@InjectModel(PROVIDER_MODEL) model: Model<ProviderState>, recorder: EventRecorder) {
    super(model, recorder, 'provider');
  }

  async list(): Promise<ProviderState[]> {
    return this.model.collection.find<ProviderState>({}, { projection: { outbox: 0 } }).sort({ _id: 1 }).toArray();
  }
}
