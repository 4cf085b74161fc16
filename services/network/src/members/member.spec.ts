import { DomainError, isDomainError, Principal } from '@netdirect/runtime';
import { Member, MemberChange, MemberState, RegistrationInput, STATUS_TRANSITIONS } from './member';
import { SubtreeCounter } from './subtree-stats';

const T0 = new Date('2026-01-10T09:00:00.000Z');
const ops: Principal = { subject: 'ops-anna', roles: ['ops'] };
const asMember = (id: string): Principal => ({ subject: id, roles: ['member'] });
const ctx = { by: 'ops-anna', reason: 'case 9', at: T0 };

function member(over: Partial<MemberState> = {}): Member {
  return Member.from({
    _id: 'm',
    kind: 'operator',
    status: 'active',
    sponsorId: 's',
    depth: 2,
    uplinePath: ['s', 'root'],
    referralCode: 'AAAA0000',
    market: 'DE',
    joinedAt: T0,
    owner: { partyId: 'p-m', name: 'M' },
    fingerprints: {},
    history: [],
    ...over,
  });
}

function ok<T>(result: T | DomainError): T {
  if (isDomainError(result)) throw new Error(`expected a change, got ${result.kind}: ${result.message}`);
  return result;
}

function refused(result: unknown): DomainError {
  if (!isDomainError(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

const registration = (over: Partial<RegistrationInput> = {}): RegistrationInput => ({
  id: 'new',
  kind: 'consumer',
  market: 'DE',
  ownerName: 'New Person',
  ownerPartyId: 'p-new',
  fingerprints: {},
  sharedSignals: [],
  selfReferral: 'flag',
  caller: asMember('signup'),
  at: T0,
  ...over,
});

describe('Member (the aggregate, without NestJS or a database)', () => {
  describe('register', () => {
    it('places the member below its sponsor and records MemberRegistered with the owner’s party id', () => {
      const created = ok(Member.register(member(), registration()));
      expect(created.state).toMatchObject({ sponsorId: 'm', depth: 3, uplinePath: ['m', 's', 'root'] });
      expect(created.events[0].data).toMatchObject({ memberId: 'new', ownerPartyId: 'p-new', depth: 3 });
      expect(created.events[0].data).not.toHaveProperty('referralCode');
    });

    it('puts an operator’s own referral code on MemberRegistered', () => {
      const created = ok(Member.register(null, registration({ kind: 'operator', referralCode: 'K7Q2M9XA', caller: ops })));
      expect(created.state).toMatchObject({ depth: 0, uplinePath: [], sponsorId: null, referralCode: 'K7Q2M9XA' });
      expect(created.events[0].data).toMatchObject({ referralCode: 'K7Q2M9XA', ownerPartyId: 'p-new' });
    });

    it('refuses an inactive sponsor (422), a root by anyone but ops (403), and flags or refuses self-referral', () => {
      expect(refused(Member.register(member({ status: 'suspended' }), registration())).kind).toBe('rule');
      expect(refused(Member.register(null, registration())).kind).toBe('forbidden');
      const flagged = ok(Member.register(member(), registration({ sharedSignals: ['email'] })));
      expect(flagged.state.review).toMatchObject({ status: 'pending', signals: ['email'] });
      const refusal = refused(Member.register(member(), registration({ sharedSignals: ['email'], selfReferral: 'refuse' })));
      expect(refusal.message).toMatch(/^referralCode: the registrant shares the sponsor's own email/);
    });
  });

  describe('changeStatus', () => {
    it('follows the transition table: active ⇄ suspended, either to terminated, never back', () => {
      for (const [from, targets] of Object.entries(STATUS_TRANSITIONS)) {
        for (const to of ['active', 'suspended', 'terminated'] as const) {
          const result = member({ status: from as MemberState['status'] }).changeStatus(to, ctx);
          expect([from, to, isDomainError(result)]).toEqual([from, to, !targets.includes(to)]);
        }
      }
      expect(refused(member({ status: 'terminated' }).changeStatus('active', ctx)).message).toMatch(/final/);
    });

    it('guards on the status it read and records the audit entry and MemberStatusChanged', () => {
      const change = ok(member().changeStatus('suspended', ctx));
      expect(change.guard).toEqual({ status: 'active' });
      expect(change.set).toEqual({ status: 'suspended' });
      expect(change.audit).toMatchObject({ action: 'status-changed', by: 'ops-anna', reason: 'case 9' });
      expect(change.events[0].data).toMatchObject({ from: 'active', to: 'suspended', by: 'ops-anna' });
    });
  });

  describe('upgrade', () => {
    const consumer = () => member({ kind: 'consumer', referralCode: undefined });

    it('lets only the member itself upgrade, once, while active', () => {
      expect(refused(consumer().upgrade('v1', 'CODE0001', asMember('other'), T0)).kind).toBe('forbidden');
      expect(refused(consumer().upgrade('v1', 'CODE0001', ops, T0)).kind).toBe('forbidden');
      expect(refused(member().upgrade('v1', 'CODE0001', asMember('m'), T0)).message).toMatch(/already an operator/);
      expect(refused(member({ kind: 'consumer', status: 'suspended' }).upgrade('v1', 'C', asMember('m'), T0)).kind).toBe(
        'rule',
      );
      const change = ok(consumer().upgrade('v1', 'CODE0001', asMember('m'), T0));
      expect(change.guard).toEqual({ kind: 'consumer', status: 'active' });
      expect(change.set).toMatchObject({ kind: 'operator', referralCode: 'CODE0001', termsVersion: 'v1' });
      expect(change.events[0].data).toMatchObject({ referralCode: 'CODE0001', termsVersion: 'v1' });
    });
  });

  describe('sponsor change', () => {
    const sponsor = (over: Partial<MemberState> = {}) => member({ _id: 'x', uplinePath: ['root'], depth: 1, ...over });
    const DAYS = 30;
    const within = new Date(T0.getTime() + 29 * 86400_000);

    it('is allowed within the window under an active operator', () => {
      expect(member().sponsorChangeRefusal(sponsor(), DAYS, within)).toBeNull();
    });

    it('closes the window after the configured days', () => {
      const late = new Date(T0.getTime() + 31 * 86400_000);
      expect(member().sponsorChangeRefusal(sponsor(), DAYS, late)?.message).toMatch(/^joinedAt: .*only within 30 days/);
    });

    it('refuses a cycle: the member itself or one of its downline', () => {
      expect(member().sponsorChangeRefusal(member(), DAYS, within)?.message).toMatch(/the member itself; that would make a cycle/);
      const below = sponsor({ _id: 'd', uplinePath: ['m', 's', 'root'] });
      expect(member().sponsorChangeRefusal(below, DAYS, within)?.message).toMatch(/downline; that would make a cycle/);
      expect(refused(member().placeUnder(below, ctx)).field).toBe('newSponsorId');
    });

    it('refuses an unknown, the same, a consumer or an inactive sponsor, and a terminated member', () => {
      expect(member().sponsorChangeRefusal(null, DAYS, within)?.field).toBe('newSponsorId');
      expect(member().sponsorChangeRefusal(sponsor({ _id: 's' }), DAYS, within)?.message).toMatch(/already the sponsor/);
      expect(member().sponsorChangeRefusal(sponsor({ kind: 'consumer' }), DAYS, within)?.message).toMatch(/only an operator/);
      expect(member().sponsorChangeRefusal(sponsor({ status: 'suspended' }), DAYS, within)?.message).toMatch(/suspended/);
      expect(member({ status: 'terminated' }).sponsorChangeRefusal(sponsor(), DAYS, within)?.field).toBe('status');
    });

    it('places the member under the new sponsor, guarded on its old path, and does nothing when it is there already', () => {
      const change = ok(member().placeUnder(sponsor(), ctx)) as MemberChange;
      expect(change.guard).toEqual({ uplinePath: ['s', 'root'] });
      expect(change.set).toEqual({ sponsorId: 'x', uplinePath: ['x', 'root'], depth: 2 });
      expect(change.audit.details).toMatchObject({ from: 's', to: 'x', oldUplinePath: ['s', 'root'] });
      expect(member({ sponsorId: 'x', uplinePath: ['x', 'root'] }).placeUnder(sponsor(), ctx)).toBeNull();
    });
  });

  describe('moveTo', () => {
    it('records the old and new path and depth when only the upline above the sponsor moved (sponsor unchanged)', () => {
      const d = member({ _id: 'd', sponsorId: 'm', depth: 3, uplinePath: ['m', 's', 'root'] });
      const change = d.moveTo('m', ['m', 'x', 'root'], 'upline-sponsor-changed', 'm', ctx);
      expect(change.audit.details).toMatchObject({
        from: 'm',
        to: 'm',
        oldUplinePath: ['m', 's', 'root'],
        uplinePath: ['m', 'x', 'root'],
        oldDepth: 3,
        depth: 3,
      });
      expect(change.events[0].data).toMatchObject({
        oldSponsorId: 'm',
        newSponsorId: 'm',
        oldUplinePath: ['m', 's', 'root'],
        uplinePath: ['m', 'x', 'root'],
        oldDepth: 3,
        depth: 3,
      });
      expect(change.guard).toEqual({ uplinePath: ['m', 's', 'root'] });
    });
  });

  describe('review and transfer', () => {
    it('decides a pending review once', () => {
      const flagged = member({ review: { status: 'pending', signals: ['email'], flaggedAt: T0 } });
      const change = ok(flagged.decideReview('cleared', 'spouses', 'ops-anna', T0));
      expect(change.guard).toEqual({ 'review.status': 'pending' });
      expect(change.set.review).toMatchObject({ status: 'cleared', decidedBy: 'ops-anna', note: 'spouses' });
      expect(refused(member().decideReview('cleared', 'x', 'ops', T0)).field).toBe('review');
    });

    const transfer = {
      id: 't1',
      reason: 'inheritance' as const,
      previousOwner: { partyId: 'p-m', name: 'M' },
      newOwner: { partyId: 'p-heir', name: 'Heir' },
      requestedBy: { subject: 'ops-anna', as: 'ops' },
    };

    it('passes the position to the new owner, guarded on the owner, with the same event id when run again', () => {
      const change = ok(member().transferTo(transfer, 'ops-anna', 'checked', T0));
      expect(change.guard).toEqual({ 'owner.partyId': 'p-m' });
      expect(change.set).toEqual({ owner: { partyId: 'p-heir', name: 'Heir' } });
      expect(change.events[0].id).toBe(ok(member().transferTo(transfer, 'ops-b', 'again', T0)).events[0].id);
      expect(refused(member({ status: 'terminated' }).transferTo(transfer, 'o', 'n', T0)).kind).toBe('rule');
      expect(refused(member({ owner: { partyId: 'p-other', name: 'O' } }).transferTo(transfer, 'o', 'n', T0)).kind).toBe(
        'conflict',
      );
    });
  });

  describe('who may read', () => {
    it('lets ops, the member and its upline read a position, nobody else', () => {
      const m = member();
      expect(m.mayBeReadBy(ops)).toBe(true);
      expect(m.mayBeReadBy(asMember('m'))).toBe(true);
      expect(m.mayBeReadBy(asMember('s'))).toBe(true);
      expect(m.mayBeReadBy(asMember('sibling'))).toBe(false);
      expect(Member.historyReadableBy('m', asMember('s'))).toBe(false);
    });
  });
});

describe('subtree stats', () => {
  it('count the downline only: not the member itself, and terminated positions apart', () => {
    const counter = new SubtreeCounter(1);
    counter.add({ kind: 'operator', status: 'active', depth: 2 });
    counter.add({ kind: 'consumer', status: 'suspended', depth: 3 });
    counter.add({ kind: 'operator', status: 'terminated', depth: 4 });
    expect(counter.result()).toEqual({ size: 2, operators: 1, consumers: 1, terminated: 1, depth: 2 });
    expect(new SubtreeCounter(5).result()).toEqual({ size: 0, operators: 0, consumers: 0, terminated: 0, depth: 0 });
  });
});
