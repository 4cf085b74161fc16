import { Injectable } from '@nestjs/common';
import { Principal } from '@netdirect/runtime';
import { randomUUID } from 'node:crypto';
import { Party } from '../../party';
import { PartyRepository } from '../../party.repository';
import { RegisterPartyRequest } from './register-party.request';

/** Register a person or legal entity that may receive a position. */
@Injectable()
export class RegisterPartyService {
  constructor(private readonly repo: PartyRepository) {}

  async register(request: RegisterPartyRequest, caller: Principal): Promise<Party> {
    const party = Party.register({
      id: randomUUID(),
      kind: request.kind,
      name: request.name,
      by: caller.subject,
      at: new Date(),
    });
    await this.repo.insert(party);
    return party;
  }
}
