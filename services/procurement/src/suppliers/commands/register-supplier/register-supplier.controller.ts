import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CLOCK, Clock, DomainError, isDomainError, Roles, SERVICE_SETTINGS } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { ProcurementSettings } from '../../../procurement.settings';
import { Supplier } from '../../supplier';
import { SupplierRepository } from '../../supplier.repository';
import { SupplierView, toSupplierView } from '../../supplier.view';
import { RegisterSupplierRequest } from './register-supplier.request';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('v1/suppliers')
export class RegisterSupplierController {
  constructor(
    private readonly repo: SupplierRepository,
    @Inject(SERVICE_SETTINGS) private readonly settings: ProcurementSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('ops')
  @ApiOperation({ summary: 'Register a supplier (ops); SupplierRegistered.', description: 'A currency other than the platform currency is 422.' })
  @ApiCreatedResponse({ type: SupplierView })
  @ApiErrors(400, 401, 403, 413, 415, 422)
  async register(@Body() body: RegisterSupplierRequest): Promise<SupplierView> {
    const created = Supplier.register(randomUUID(), body, this.settings.PROCUREMENT_CURRENCY, this.clock.now());
    if (isDomainError(created)) throw created;
    if (!(await this.repo.insert(created.state, created.events))) throw DomainError.conflict('supplier id taken; try again');
    return toSupplierView(created.state);
  }
}
