import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, CurrentPrincipal, DomainError, Principal, Roles } from '@netdirect/runtime';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { OrderProcess } from '../../../orders/order-process.service';
import { HeldPaymentState } from '../../held-payment.schema';
import { HeldPaymentsRepository } from '../../held-payments.repository';
import { HeldPaymentListView, HeldPaymentView, toHeldPaymentView } from '../../payment.view';
import { ReceivePaymentService } from '../receive-webhook/receive-payment.service';

export class HeldPaymentIdParam {
  @ApiProperty({ minLength: 1, maxLength: 300, description: '`<providerId>:<paymentId>`' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  id: string;
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/payments/held')
export class HeldPaymentsController {
  constructor(
    private readonly held: HeldPaymentsRepository,
    private readonly payments: ReceivePaymentService,
    private readonly process: OrderProcess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('ops')
  @ApiOperation({ summary: 'Payments held because their amount or currency differs from the order total, oldest first.' })
  @ApiOkResponse({ type: HeldPaymentListView })
  @ApiErrors()
  async list(): Promise<HeldPaymentListView> {
    return { items: (await this.held.open(500)).map(toHeldPaymentView) };
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Ops accept a held payment: it pays the order as reported (OrderPaid with the amount received), as a matching payment would.',
    description: '404 for an unknown held payment; 422 if it was decided already or the order takes no payment.',
  })
  @ApiOkResponse({ type: HeldPaymentView })
  @ApiErrors(404, 409, 422)
  async apply(@Param() { id }: HeldPaymentIdParam, @CurrentPrincipal() caller: Principal): Promise<HeldPaymentView> {
    // The order first: if this fails nothing is decided, and a retry applies it (the order keeps the payment id).
    return this.decide(id, 'applied', caller, (h) => this.payments.apply(h.providerId, h.orderId, h.paymentId, h.amount, h.currency, true));
  }

  @Post(':id/refund')
  @HttpCode(200)
  @Roles('ops')
  @ApiOperation({
    summary: 'Ops send a held payment back instead of applying it: a refund of it is asked of its provider (GET /v1/payments/refunds); the order stays unpaid.',
    description: '404 for an unknown held payment; 422 if it was decided already.',
  })
  @ApiOkResponse({ type: HeldPaymentView })
  @ApiErrors(404, 409, 422)
  async refund(@Param() { id }: HeldPaymentIdParam, @CurrentPrincipal() caller: Principal): Promise<HeldPaymentView> {
    // The order first (idempotent by payment id): if this fails nothing is decided, and a retry asks once.
    return this.decide(id, 'refunded', caller, (h) =>
      this.process.onRequest(h.orderId, (o, now) =>
        o.refundHeldPayment({ paymentId: h.paymentId, provider: h.providerId, amount: h.amount, currency: h.currency }, now),
      ),
    );
  }

  /** A held payment still undecided (404, 422 otherwise), its effect on the order, then the decision recorded. */
  private async decide(id: string, decision: 'applied' | 'refunded', caller: Principal, effect: (h: HeldPaymentState) => Promise<unknown>): Promise<HeldPaymentView> {
    const h = await this.held.find(id);
    if (!h) throw DomainError.notFound(`No held payment ${id}`);
    if (h.status !== 'held') throw DomainError.rule('status', `the payment was ${h.status} already`);
    await effect(h);
    const at = this.clock.now();
    await this.held.decide(id, decision, caller.subject, at);
    return toHeldPaymentView({ ...h, status: decision, decidedBy: caller.subject, decidedAt: at });
  }
}
