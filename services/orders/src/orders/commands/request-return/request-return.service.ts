import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { derivedId, DomainError } from '@netdirect/runtime';
import { Markets } from '../../../markets/markets.service';
import { OrderState } from '../../order';
import { OrderProcess } from '../../order-process.service';
import { RequestReturnRequest } from './request-return.request';

/**
 * A return (the buyer) or a buy-back (an operator) of some units of an
 * order: the aggregate checks the window and the units and records
 * ReturnRequested; logistics collects the parcel. With an Idempotency-Key the
 * return id is derived from it, so a retry finds the first return.
 */
@Injectable()
export class RequestReturnService {
  constructor(
    private readonly process: OrderProcess,
    private readonly markets: Markets,
  ) {}

  /**
   * `authorize` refuses a caller who may not act on the order (checked on
   * the order as loaded, inside the compare-and-set loop).
   */
  request(
    orderId: string,
    body: RequestReturnRequest,
    by: string,
    buyBack: boolean,
    authorize: (order: OrderState) => DomainError | null,
    idempotencyKey?: string,
  ): Promise<OrderState> {
    const returnId = idempotencyKey ? derivedId('return', orderId, buyBack ? 'buy-back' : 'return', idempotencyKey) : randomUUID();
    return this.process.onRequest(orderId, (o, now) => {
      const refused = authorize(o.state);
      if (refused) return refused;
      const rules = this.markets.of(o.state.market);
      if (rules instanceof DomainError) return rules;
      return o.requestReturn({ returnId, lines: body.lines, reason: body.reason, by, buyBack }, rules, now);
    });
  }
}
