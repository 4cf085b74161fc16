import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, derivedId, DomainError, SERVICE_SETTINGS } from '@netdirect/runtime';
import { Markets } from '../../../markets/markets.service';
import { OrdersSettings } from '../../../orders.settings';
import { CatalogSkusRepository } from '../../../read-models/catalog-skus.repository';
import { NetworkMembersRepository } from '../../../read-models/network-members.repository';
import { BuyerKind, Order, OrderState } from '../../order';
import { OrderRepository } from '../../order.repository';
import { priceOrder } from '../../pricing';
import { PlaceGuestOrderRequest, PlaceOrderRequest } from './place-order.request';

/**
 * Place an order: who buys (member or guest) and who sold it (resolved once,
 * here), prices from the catalog read model, shipping and VAT from the
 * market. With an Idempotency-Key the order id is derived from it, so a
 * retry finds the first order instead of placing a second.
 */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly skus: CatalogSkusRepository,
    private readonly members: NetworkMembersRepository,
    private readonly markets: Markets,
    @Inject(SERVICE_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A member's order: an operator buys at member price for itself (no seller), a consumer at retail through the nearest active operator above it. */
  async placeForMember(memberId: string, body: PlaceOrderRequest, idempotencyKey?: string): Promise<OrderState> {
    const orderId = idempotencyKey ? derivedId('order', 'member', memberId, idempotencyKey) : randomUUID();
    const retried = await this.retried(orderId, memberId);
    if (retried) return retried;
    const member = await this.members.find(memberId);
    if (!member) throw DomainError.rule('buyer', `member ${memberId} is not known to orders yet`);
    if (member.status !== 'active') throw DomainError.rule('buyer', `member ${memberId} is ${member.status}`);
    const seller = member.kind === 'operator' ? null : await this.members.nearestActiveOperator(member.uplinePath);
    return this.place(orderId, memberId, member.kind, seller, body);
  }

  /** A guest's order, through the operator whose referral code it brings; the buyer id is generated. */
  async placeForGuest(body: PlaceGuestOrderRequest, idempotencyKey?: string): Promise<OrderState> {
    const orderId = idempotencyKey ? derivedId('order', 'guest', body.referralCode, idempotencyKey) : randomUUID();
    const retried = await this.retried(orderId);
    if (retried) return retried;
    const operator = await this.members.byReferralCode(body.referralCode);
    if (!operator || operator.kind !== 'operator') throw DomainError.rule('referralCode', 'no operator has this referral code');
    if (operator.status !== 'active') throw DomainError.rule('referralCode', `the operator of this code is ${operator.status}`);
    return this.place(orderId, derivedId('guest', orderId), 'guest', operator._id, body);
  }

  private async retried(orderId: string, buyerId?: string): Promise<OrderState | null> {
    const existing = await this.orders.find(orderId);
    if (!existing) return null;
    if (buyerId && existing.state.buyerId !== buyerId) throw DomainError.conflict('Idempotency-Key belongs to another order');
    return existing.state;
  }

  private async place(orderId: string, buyerId: string, buyerKind: BuyerKind, seller: string | null, body: PlaceOrderRequest): Promise<OrderState> {
    const rules = this.markets.of(body.market);
    if (rules instanceof DomainError) throw rules;
    if (body.shippingAddress.country !== body.market)
      throw DomainError.rule('shippingAddress.country', `must be in the order's market ${body.market}`);
    const skus = await this.skus.snapshots(body.lines.map((l) => l.skuId));
    const priced = priceOrder(body.lines, buyerKind, skus, rules, this.settings.ORDERS_CURRENCY, this.settings.ORDERS_MAX_LINE_QUANTITY);
    if (priced instanceof DomainError) throw priced;
    const { phone, ...address } = body.shippingAddress;
    for (let attempt = 1; ; attempt++) {
      const buyerSeq = await this.orders.nextNumber('buyer', buyerId);
      const sellerSeq = seller ? await this.orders.nextNumber('seller', seller) : undefined;
      const { state, events } = Order.place(
        {
          orderId,
          buyerId,
          buyerKind,
          referringOperatorId: seller,
          market: body.market,
          currency: this.settings.ORDERS_CURRENCY,
          priced,
          shippingAddress: { ...address, ...(phone ? { phone } : {}) },
          buyerSeq,
          sellerSeq,
        },
        this.clock.now(),
      );
      if (await this.orders.insert(state, events)) return state;
      // Two retries raced: the other one placed it.
      const first = await this.orders.find(orderId);
      if (first) return first.state;
      // Not this id: a list number was given twice (a counter created by two first orders at once); take fresh numbers.
      if (attempt >= 3) throw DomainError.conflict(`order ${orderId} could not get a list number; try again`);
    }
  }
}
