import { loadServiceConfig, ServiceDefinition } from '../config/service-config';
import { SystemClock } from './clock';
import { clockProvider } from './clock.provider';
import { TestClock } from './test-clock';

const svc: ServiceDefinition = { name: 'orders', defaultHttpPort: 0, title: 'orders', description: '' };
const make = (env: Record<string, string>) =>
  (clockProvider as { useFactory: (c: unknown) => unknown }).useFactory(loadServiceConfig(svc, env));

describe('the CLOCK provider and the clock and timer settings', () => {
  it('is the wall clock by default and a TestClock at CLOCK_START when CLOCK=test', () => {
    expect(make({})).toBeInstanceOf(SystemClock);
    const clock = make({ CLOCK: 'test', CLOCK_START: '2030-01-01T00:00:00Z' }) as TestClock;
    expect(clock).toBeInstanceOf(TestClock);
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('refuses a test clock in production, and bad timer and webhook settings, naming the variable', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadServiceConfig(svc, { ...prod, CLOCK: 'test' })).toThrow(
      /CLOCK=test is not allowed in production/,
    );
    expect(() => loadServiceConfig(svc, { CLOCK_START: 'tomorrow' })).toThrow(/CLOCK_START=/);
    expect(() => loadServiceConfig(svc, { TIMERS_POLL_MS: '5' })).toThrow(/TIMERS_POLL_MS=/);
    expect(() => loadServiceConfig(svc, { WEBHOOK_SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/WEBHOOK_SECRETS_KEY=/);
  });

  it('has a development webhook key, none in production unless given', () => {
    expect(loadServiceConfig(svc, {}).webhooks.secretsKey).toHaveLength(32);
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(loadServiceConfig(svc, prod).webhooks.secretsKey).toBeUndefined();
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadServiceConfig(svc, { ...prod, WEBHOOK_SECRETS_KEY: key }).webhooks.secretsKey).toEqual(
      Buffer.alloc(32, 7),
    );
  });
});
