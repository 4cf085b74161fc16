import { ConfigurationError, DEV_JWT_SECRET, loadServiceConfig, ServiceDefinition } from './service-config';

const network: ServiceDefinition = {
  name: 'network',
  defaultHttpPort: 3004,
  title: 'Network',
  description: '',
};

describe('loadServiceConfig', () => {
  it('applies defaults that point at the embedded infrastructure', () => {
    const cfg = loadServiceConfig(network, {});
    expect(cfg.http).toEqual({ port: 3004, host: '127.0.0.1' });
    expect(cfg.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(cfg.kafka.clientId).toBe('netdirect-network');
    expect(cfg.kafka.groupId).toBe('netdirect-network');
    expect(cfg.mongo).toEqual({ url: 'mongodb://127.0.0.1:27017', dbName: 'netdirect_network' });
    expect(cfg.auth.secret).toBe(DEV_JWT_SECRET);
  });

  it('reads overrides and converts numbers and booleans', () => {
    const cfg = loadServiceConfig(network, {
      HTTP_PORT: '4000',
      KAFKA_BROKERS: 'k1:9092,k2:9093',
      KAFKA_FROM_BEGINNING: 'false',
      MONGO_DB: 'other',
    });
    expect(cfg.http.port).toBe(4000);
    expect(cfg.kafka.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(cfg.kafka.fromBeginning).toBe(false);
    expect(cfg.mongo.dbName).toBe('other');
  });

  it.each([
    ['KAFKA_BROKERS', 'nonsense'],
    ['KAFKA_BROKERS', 'host:port'],
    ['HTTP_PORT', 'eighty'],
    ['HTTP_PORT', '70000'],
    ['MONGO_URL', 'postgres://x'],
    ['NODE_ENV', 'staging'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadServiceConfig(network, { [name]: value })).toThrow(ConfigurationError);
    expect(() => loadServiceConfig(network, { [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('reads the consumer session timeout and heartbeat (30 s and 3 s by default)', () => {
    expect(loadServiceConfig(network, {}).kafka).toMatchObject({ sessionTimeoutMs: 30000, heartbeatIntervalMs: 3000 });
    const cfg = loadServiceConfig(network, { KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '1000' });
    expect(cfg.kafka).toMatchObject({ sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 });
    expect(() => loadServiceConfig(network, { KAFKA_SESSION_TIMEOUT_MS: '10' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadServiceConfig(network, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    const secret = 'x'.repeat(40);
    expect(loadServiceConfig(network, { NODE_ENV: 'production', JWT_SECRET: secret }).auth.secret).toBe(
      secret,
    );
  });
});
