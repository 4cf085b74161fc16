import { DomainError, isDomainError, Principal } from '@netdirect/runtime';
import { Member, MemberState } from '../members/member';
import { Party } from '../parties/party';
import { TransferPolicy } from './compliance-profile';
import { Transfer, TransferRequestInput } from './transfer';

const T0 = new Date('2026-02-01T10:00:00.000Z');
const ops: Principal = { subject: 'ops-anna', roles: ['ops'] };
const asMember = (id: string): Principal => ({ subject: id, roles: ['member'] });

const position = (over: Partial<MemberState> = {}) =>
  Member.from({
    _id: 'm',
    kind: 'operator',
    status: 'active',
    sponsorId: null,
    depth: 0,
    uplinePath: [],
    market: 'DE',
    joinedAt: T0,
    owner: { partyId: 'p-owner', name: 'Karl' },
    fingerprints: {},
    history: [],
    ...over,
  });
const heir = (verified = false) => {
  const p = Party.register({ id: 'p-heir', kind: 'person', name: 'Lena', by: 'ops-anna', at: T0 });
  return verified ? Party.from({ ...p.state, identityCheck: { passed: true, reference: 'K', by: 'o', at: T0 } }) : p;
};
const input = (caller: Principal, over: Partial<TransferRequestInput> = {}): TransferRequestInput => ({
  id: 't1',
  reason: 'inheritance',
  statement: 'certificate of inheritance, case 77',
  caller,
  policy: new TransferPolicy(),
  at: T0,
  ...over,
});

function refused(result: unknown): DomainError {
  if (!isDomainError(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}
function ok<T>(result: T | DomainError): T {
  if (isDomainError(result)) throw new Error(`expected success, got ${result.message}`);
  return result;
}

describe('Transfer (the aggregate, without NestJS or a database)', () => {
  it('may be opened by the member or by ops, and by nobody else (an heir asks ops)', () => {
    expect(ok(Transfer.request(position(), heir(), input(asMember('m')))).state.requestedBy).toEqual({
      subject: 'm',
      as: 'member',
    });
    expect(ok(Transfer.request(position(), heir(), input(ops))).state.requestedBy.as).toBe('ops');
    // A token whose subject is the heir's party id could block the real owner's requests until ops act.
    expect(refused(Transfer.request(position(), heir(), input(asMember('p-heir')))).kind).toBe('forbidden');
    expect(refused(Transfer.requesterOf('m', asMember('stranger'))).kind).toBe('forbidden');
  });

  it('refuses a sale under the default profile, a terminated position, an unknown party or the current owner', () => {
    expect(refused(Transfer.request(position(), heir(), input(ops, { reason: 'sale' }))).message).toMatch(
      /^reason: a position may not be sold/,
    );
    expect(refused(Transfer.request(position({ status: 'terminated' }), heir(), input(ops))).field).toBe('status');
    expect(refused(Transfer.request(position(), null, input(ops))).field).toBe('newOwnerPartyId');
    const owner = Party.register({ id: 'p-owner', kind: 'person', name: 'Karl', by: 'o', at: T0 });
    expect(refused(Transfer.request(position(), owner, input(ops))).message).toMatch(/already owns/);
  });

  it('is approved only while open, under a profile that still allows it, for an identity-checked owner', () => {
    const t = ok(Transfer.request(position(), heir(), input(ops)));
    expect(refused(t.approval(position(), heir(false), new TransferPolicy())).field).toBe('newOwner');
    expect(refused(t.approval(position(), heir(true), TransferPolicy.parse('DE=gift'))).field).toBe('reason');
    expect(ok(t.approval(position(), heir(true), new TransferPolicy()))).toMatchObject({
      id: 't1',
      previousOwner: { partyId: 'p-owner' },
      newOwner: { partyId: 'p-heir', name: 'Lena' },
    });
  });

  it('is decided once: the decision guards on the open status and frees the position for a new request', () => {
    const t = ok(Transfer.request(position(), heir(), input(ops)));
    const change = ok(t.decide('rejected', 'ops-anna', 'extract missing', T0));
    expect(change).toMatchObject({ guard: { status: 'requested' }, unset: ['openFor'] });
    const closed = t.after(change);
    expect(closed.state).toMatchObject({ status: 'rejected', decisionNote: 'extract missing' });
    expect(closed.state.openFor).toBeUndefined();
    expect(refused(closed.decide('approved', 'ops', 'x', T0)).message).toMatch(/already rejected/);
    expect(refused(closed.approval(position(), heir(true), new TransferPolicy())).field).toBe('status');
  });
});
