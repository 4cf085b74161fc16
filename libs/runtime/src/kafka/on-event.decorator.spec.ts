import '@netdirect/contracts';
import { OrderPaid } from '@netdirect/contracts';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { OnEvent } from './on-event.decorator';

describe('@OnEvent', () => {
  it('registers the handler under type@version with its topic and the fields it reads', () => {
    class Handler {
      @OnEvent(OrderPaid, { reads: ['orderId', 'amount.amount'] })
      on(): void {
        // only its metadata is looked at
      }
    }
    expect(Reflect.getMetadata(PATTERN_METADATA, Handler.prototype.on)).toEqual(['OrderPaid@v1']);
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, Handler.prototype.on)).toEqual({
      topic: 'orders.orders.v1',
      reads: ['orderId', 'amount.amount'],
    });
  });

  it('refuses reads that name fields the contract does not have', () => {
    expect(() => OnEvent(OrderPaid, { reads: ['orderId', 'colour' as never] })).toThrow(/colour/);
  });
});
