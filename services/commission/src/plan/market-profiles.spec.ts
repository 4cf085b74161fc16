import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommissionSettings } from '../commission.settings';
import { MarketProfiles } from './market-profiles';

const settings = (env: Record<string, string>) => plainToInstance(CommissionSettings, env);
const errorsOf = (env: Record<string, string>) => validateSync(settings(env)).map((e) => e.property);

describe('MarketProfiles: the consumer share configurable upwards only', () => {
  it('raises a listed market’s share and its default plan’s; other markets keep their profile’s', () => {
    const profiles = new MarketProfiles(settings({ COMMISSION_MIN_RETAIL_SHARE_BPS: 'US=6000,DE=5500,CN=7000' }));
    expect(profiles.profileFor('US').minRetailShareBps).toBe(6000);
    expect(profiles.profileFor('DE')).toMatchObject({ id: 'eu', minRetailShareBps: 5500 });
    expect(profiles.profileFor('CA').minRetailShareBps).toBe(5000);
    expect(profiles.profileFor('CN').minRetailShareBps).toBeNull(); // cn has no such rule: nothing to raise
    expect(profiles.defaultPlan('US').qualification.minRetailShareBps).toBe(6000);
    expect(profiles.defaultPlan('CA').qualification.minRetailShareBps).toBe(5000);
  });

  it('refuses at boot a share below the profile’s minimum, above 100 %, or malformed', () => {
    expect(errorsOf({ COMMISSION_MIN_RETAIL_SHARE_BPS: 'US=6000,DE=5000' })).toEqual([]);
    expect(errorsOf({ COMMISSION_MIN_RETAIL_SHARE_BPS: 'US=4999' })).toEqual(['COMMISSION_MIN_RETAIL_SHARE_BPS']);
    expect(errorsOf({ COMMISSION_MIN_RETAIL_SHARE_BPS: 'US=10001' })).toEqual(['COMMISSION_MIN_RETAIL_SHARE_BPS']);
    expect(errorsOf({ COMMISSION_MIN_RETAIL_SHARE_BPS: 'US:6000' })).toEqual(['COMMISSION_MIN_RETAIL_SHARE_BPS']);
    expect(errorsOf({ COMMISSION_PAYOUT_DRAFT_LEASE_MS: '10' })).toEqual(['COMMISSION_PAYOUT_DRAFT_LEASE_MS']);
  });
});
