import { Controller } from '@nestjs/common';
import { DecodedEvent, ReturnShipmentReceived } from '@netdirect/contracts';
import { DomainError, OnEvent } from '@netdirect/runtime';
import { Markets } from '../../../markets/markets.service';
import { OrderProcess } from '../../order-process.service';

/**
 * A return parcel arrived at the warehouse and was inspected (logistics):
 * the order computes the refund of its units under the market's rules and
 * asks the provider for it; OrderRefunded follows the provider's
 * confirmation. A redelivered or late report finds the return received and
 * changes nothing; a report of a return the order never asked for is
 * dead-lettered with the reason.
 */
@Controller()
export class ReturnShipmentReceivedHandler {
  constructor(
    private readonly process: OrderProcess,
    private readonly markets: Markets,
  ) {}

  @OnEvent(ReturnShipmentReceived, { reads: ['orderId', 'returnId', 'lines'] })
  async onReceived({ payload }: DecodedEvent<ReturnShipmentReceived>): Promise<void> {
    await this.process.onEvent(payload.orderId, (o, now) => {
      const rules = this.markets.of(o.state.market);
      if (rules instanceof DomainError) return rules;
      return o.returnReceived(payload.returnId, payload.lines, rules, now);
    });
  }
}
