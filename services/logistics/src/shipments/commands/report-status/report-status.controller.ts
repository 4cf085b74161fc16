import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, DomainError, SignedWebhook, VerifiedWebhook, WebhookDelivery } from '@netdirect/runtime';
import { ReportOutcome, Shipment, SHIPMENT_STATUSES, ShipmentStatus } from '../../shipment';
import { ShipmentRepository } from '../../shipment.repository';
import { StatusReportRequest } from './report-status.request';

/** The webhook channel logistics providers are callers on (`/v1/webhook-callers`, registered with the provider). */
export const PROVIDER_WEBHOOK_CHANNEL = 'logistics-providers';

export class StatusReportAnswer {
  @ApiProperty({ format: 'uuid' }) shipmentId: string;
  @ApiProperty({ enum: ['applied', 'recorded-late', 'refused'], description: 'refused: kept with the reason for ops to review, the shipment unchanged' })
  outcome: ReportOutcome;
  @ApiProperty({ enum: SHIPMENT_STATUSES, description: 'The shipment status after the report' }) status: ShipmentStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) reason?: string | null;
}

@ApiTags('provider webhooks')
@Controller('v1/providers')
export class ReportStatusController {
  constructor(
    private readonly shipments: ShipmentRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':providerId/updates')
  @HttpCode(200)
  @SignedWebhook(PROVIDER_WEBHOOK_CHANNEL, { callerParam: 'providerId' })
  @ApiOperation({
    summary: "A provider reports a shipment's status (Standard Webhooks, signed with the provider's secret).",
    description:
      "Applied in the order of the provider's occurredAt: a forward jump is applied; an earlier step arriving late is recorded in the history; " +
      'a report that goes backwards or comes after delivered/returned is refused and kept for review. Another provider\'s shipment is 403. ' +
      'Forged, stale or tampered deliveries are 401; a repeated webhook-id has no second effect.',
  })
  @ApiOkResponse({ type: StatusReportAnswer })
  @ApiErrors(403, 404, 409, 422)
  async report(@Body() body: StatusReportRequest, @WebhookDelivery() delivery: VerifiedWebhook): Promise<StatusReportAnswer> {
    const report = {
      webhookId: delivery.webhookId,
      providerId: delivery.callerId,
      status: body.status,
      occurredAt: new Date(body.occurredAt),
      providerReference: body.providerReference,
      proofReference: body.proofReference ?? null,
      reason: body.reason ?? null,
      detail: body.detail ?? null,
      location: body.location ?? null,
      estimatedDeliveryAt: body.estimatedDeliveryAt ? new Date(body.estimatedDeliveryAt) : null,
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = await this.shipments.get(body.shipmentId);
      const decided = Shipment.report(s, report, this.clock.now());
      if (decided instanceof DomainError) throw decided;
      if (await this.shipments.apply(decided.change)) {
        return { shipmentId: s._id, outcome: decided.outcome, status: (decided.change.set.status ?? s.status) as ShipmentStatus, reason: decided.reason ?? null };
      }
    }
    throw DomainError.conflict(`shipment ${body.shipmentId} kept changing; try again`);
  }
}
