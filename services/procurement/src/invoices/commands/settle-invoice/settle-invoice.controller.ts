import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, Roles } from '@netdirect/runtime';
import { IdParam } from '../../../common/id.param';
import { SupplierInvoice } from '../../supplier-invoice';
import { SupplierInvoiceRepository } from '../../supplier-invoice.repository';
import { SupplierInvoiceView, toInvoiceView } from '../../supplier-invoice.view';
import { SettleInvoiceRequest } from './settle-invoice.request';

@ApiTags('supplier invoices')
@ApiBearerAuth()
@Controller('v1/supplier-invoices')
export class SettleInvoiceController {
  constructor(
    private readonly invoices: SupplierInvoiceRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/payment')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({
    summary: 'Record the payment of a matched invoice with its bank reference (finance); SupplierInvoiceSettled.',
    description: 'A held invoice is 422; the same reference again answers the settled invoice; another reference for a settled one is 422.',
  })
  @ApiOkResponse({ type: SupplierInvoiceView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 422)
  async settle(@Param() { id }: IdParam, @Body() body: SettleInvoiceRequest): Promise<SupplierInvoiceView> {
    return toInvoiceView(await this.invoices.change(id, (s) => SupplierInvoice.settle(s, body.paymentReference, this.clock.now())));
  }
}
