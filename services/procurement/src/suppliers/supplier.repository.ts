import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateStore, EventRecorder } from '@netdirect/runtime';
import { Model } from 'mongoose';
import { SupplierState } from './supplier';
import { SUPPLIER_MODEL } from './supplier.schema';

/** Where suppliers are kept (see {@link Documents}); the list is small, read whole. */
@Injectable()
export class SupplierRepository extends AggregateStore<SupplierState> {
  constructor(@InjectModel(SUPPLIER_MODEL) model: Model<SupplierState>, recorder: EventRecorder) {
    super(model, recorder, 'supplier');
  }

  async list(): Promise<SupplierState[]> {
    return this.model.collection.find<SupplierState>({}, { projection: { outbox: 0 } }).sort({ _id: 1 }).toArray();
  }
}
