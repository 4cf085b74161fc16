import { Injectable } from '@nestjs/common';
import { DomainError, Principal } from '@netdirect/runtime';
import { Party } from '../../party';
import { PartyRepository } from '../../party.repository';
import { IdentityCheckRequest } from './record-identity-check.request';

/** Ops records the outcome of checking a party's identity. */
@Injectable()
export class RecordIdentityCheckService {
  constructor(private readonly repo: PartyRepository) {}

  async record(partyId: string, request: IdentityCheckRequest, caller: Principal): Promise<Party> {
    const party = await this.repo.get(partyId);
    const change = party.recordIdentityCheck(request.passed, request.reference, caller.subject, new Date());
    if (!(await this.repo.apply(change))) throw DomainError.notFound(`No party ${partyId}`);
    return this.repo.get(partyId);
  }
}
