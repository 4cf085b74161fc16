import { DomainError } from '@netdirect/runtime';
import { Provider, ProviderInput, ProviderState, REGISTRATION_LEASE_MS } from './provider';

const at = new Date('2026-03-01T10:00:00Z');
const input: ProviderInput = {
  id: 'dhl-de',
  name: 'DHL',
  regions: [{ country: 'DE', postcodePrefixes: ['10', '10'] }],
  limits: { maxWeightGrams: 31_500, maxLengthMm: 1200, maxVolumeCm3: 120_000 },
  serviceLevels: ['standard'],
  acceptanceDeadline: 'PT4H',
  priority: 10,
  dailyCapacity: 100,
};
const registered = (): ProviderState => Provider.register(input, at) as ProviderState;
const active = (): ProviderState => ({ ...registered(), ...Provider.activate(registered(), at)!.set, seq: 1 });

describe('Provider', () => {
  it('registers as registering (routing skips it), then activates once', () => {
    const p = registered();
    expect(p).toMatchObject({ status: 'registering', acceptanceDeadlineMs: 4 * 3600_000, regions: [{ country: 'DE', postcodePrefixes: ['10'] }] });
    expect(Provider.activate(p, at)!.set).toMatchObject({ status: 'active' });
    expect(Provider.activate(active(), at)).toBeNull();
  });

  it('refuses bad settings, naming every field', () => {
    const refused = Provider.register({ ...input, acceptanceDeadline: '10s', regions: [{ country: 'DE', postcodePrefixes: [] }, { country: 'DE', postcodePrefixes: [] }] }, at) as DomainError;
    expect(refused.fields?.map((f) => f.field).sort()).toEqual(['acceptanceDeadline', 'regions']);
  });

  it('lets a retry take over a registration only once its request is presumed dead', () => {
    const p = registered();
    expect(Provider.resumeRegistration(p, input, new Date(at.getTime() + 1000))).toMatchObject({ kind: 'conflict' });
    const later = new Date(at.getTime() + REGISTRATION_LEASE_MS + 1);
    expect(Provider.resumeRegistration(p, { ...input, priority: 3 }, later)).toMatchObject({ expectedSeq: 0, set: { status: 'registering', registeringSince: later, priority: 3 } });
    expect(Provider.resumeRegistration(active(), input, later)).toMatchObject({ kind: 'conflict' });
  });

  it('changes only what differs, checked as at registration', () => {
    const p = active();
    expect(Provider.update(p, { priority: 10, name: null }, at)).toBeNull();
    expect(Provider.update(p, { priority: 3, acceptanceDeadline: '30m' }, at)!).toMatchObject({ expectedSeq: 1, set: { priority: 3, acceptanceDeadlineMs: 1_800_000 } });
    expect(Provider.update(p, { serviceLevels: ['express', 'express'] }, at)).toMatchObject({ kind: 'rule', message: expect.stringMatching(/^serviceLevels/) });
    expect(Provider.update(registered(), { priority: 3 }, at)).toMatchObject({ kind: 'rule' });
  });

  it('suspends and reactivates; repeating either changes nothing', () => {
    const suspended = { ...active(), ...(Provider.suspend(active(), 'strike', at) as { set: Partial<ProviderState> }).set, seq: 2 };
    expect(suspended).toMatchObject({ status: 'suspended', suspendedReason: 'strike' });
    expect(Provider.suspend(suspended, null, at)).toBeNull();
    expect(Provider.reactivate(suspended, at)).toMatchObject({ set: { status: 'active', suspendedAt: null } });
    expect(Provider.reactivate(active(), at)).toBeNull();
    expect(Provider.suspend(registered(), null, at)).toMatchObject({ kind: 'rule' });
  });
});
