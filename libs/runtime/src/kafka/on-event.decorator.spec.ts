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

  it('registers a broadcast handler under a pattern of its own, so the same event may also have a group handler', () => {
    class Handler {
      @OnEvent(OrderPaid, { reads: ['orderId'] })
      inGroup(): void {
        // only its metadata is looked at
      }

      @OnEvent(OrderPaid, { reads: ['orderId'], broadcast: true })
      inEveryReplica(): void {
        // only its metadata is looked at
      }
    }
    expect(Reflect.getMetadata(PATTERN_METADATA, Handler.prototype.inGroup)).toEqual(['OrderPaid@v1']);
    expect(Reflect.getMetadata(PATTERN_METADATA, Handler.prototype.inEveryReplica)).toEqual(['broadcast:OrderPaid@v1']);
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, Handler.prototype.inEveryReplica)).toEqual({
      topic: 'orders.orders.v1',
      reads: ['orderId'],
      broadcast: true,
    });
  });

  it('refuses reads that name fields the contract does not have', () => {
    expect(() => OnEvent(OrderPaid, { reads: ['orderId', 'colour' as never] })).toThrow(/colour/);
  });
});
