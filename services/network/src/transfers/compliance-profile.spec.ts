import { TransferPolicy } from './compliance-profile';

describe('transfer reasons by compliance profile', () => {
  it('refuses a sale by default, saying why', () => {
    const policy = new TransferPolicy();
    expect(policy.refusal('DE', 'sale')).toMatch(/pyramid scheme/);
    expect(policy.refusal('DE', 'inheritance')).toBeNull();
    expect(policy.refusal('DE', 'gift')).toBeNull();
  });

  it('lets a market profile allow or narrow the reasons', () => {
    const policy = TransferPolicy.parse(
      'US=inheritance,incapacity,legal-entity-change,gift,sale;FR=inheritance',
    );
    expect(policy.refusal('US', 'sale')).toBeNull();
    expect(policy.refusal('FR', 'gift')).toMatch(/does not allow giving/);
    expect(policy.refusal('FR', 'gift')).toMatch(/allows: inheritance/);
    expect(policy.refusal('DE', 'sale')).toMatch(/pyramid/);
  });

  it('stops at boot on an unknown reason', () => {
    expect(() => TransferPolicy.parse('US=inheritance,bribe')).toThrow(/unknown reason "bribe"/);
  });
});
