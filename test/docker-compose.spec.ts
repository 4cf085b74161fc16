/**
 * There is no Docker engine on the development machines, so the compose file
 * and Dockerfile are checked by reading them: every service is built from the
 * one Dockerfile, gets the configuration it validates at boot, exposes its
 * port and has a health check; Kafka runs in KRaft mode and MongoDB as a
 * replica set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SERVICE_REGISTRY } from '@netdirect/contracts';
import { loadServiceConfig } from '@netdirect/runtime';

const ROOT = path.resolve(__dirname, '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** The service registry: the compose file must run exactly these, on these ports and databases. */
const SERVICES = SERVICE_REGISTRY.map((s) => [s.name, s.port, s.database] as const);

/** Resolve `${VAR:?msg}` and `${VAR:-default}` the way compose does, with the given variables. */
function interpolate(value: unknown, vars: Record<string, string>): string {
  return String(value).replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    if (vars[name] !== undefined) return vars[name];
    if (fallback !== undefined && !String(value).includes(`${name}:?`)) return fallback;
    throw new Error(`${name} is required by docker-compose.yml`);
  });
}

describe('docker-compose.yml', () => {
  it('runs Kafka in KRaft mode from the official image, with topics created from the contracts', () => {
    const kafka = compose.services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:3\.9\./);
    expect(kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.healthcheck).toBeDefined();
    expect(compose.services.topics.command).toEqual(['node', 'scripts/infra.mjs', 'topics']);
  });

  it('runs MongoDB as a single-node replica set with a health check', () => {
    const mongo = compose.services.mongo;
    expect(mongo.image).toMatch(/^mongo:\d/);
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongo.healthcheck.test.join(' ')).toMatch(/rs\.initiate/);
  });

  it.each(SERVICES)('builds and configures %s on port %d with database %s', (name, port, database) => {
    const svc = compose.services[name];
    expect(svc.build).toEqual({ context: '.', args: { SERVICE: name } });
    expect(svc.ports).toEqual([`${port}:${port}`]);
    expect(svc.depends_on.kafka.condition).toBe('service_healthy');
    expect(svc.depends_on.mongo.condition).toBe('service_healthy');
    expect(svc.healthcheck.test.join(' ')).toContain(`127.0.0.1:${port}/health/ready`);

    const env = Object.fromEntries(
      Object.entries(svc.environment as Record<string, unknown>).map(([k, v]) => [
        k,
        interpolate(v, { JWT_SECRET: 'x'.repeat(40) }),
      ]),
    );
    expect(() => interpolate(svc.environment.JWT_SECRET, {})).toThrow(/JWT_SECRET is required/);
    const config = loadServiceConfig({ name, defaultHttpPort: 0, title: '', description: '' }, env);
    expect(config.env).toBe('production');
    expect(config.http).toEqual({ port, host: '0.0.0.0' });
    expect(config.kafka.brokers).toEqual(['kafka:9092']);
    expect(config.kafka.groupId).toBe(`netdirect-${name}`);
    expect(config.mongo.url).toContain('replicaSet=rs0');
    expect(config.mongo.dbName).toBe(database);
  });

  it('has nothing but the infrastructure, the topic job and the six services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['kafka', 'mongo', 'topics', ...SERVICES.map(([n]) => n)].sort(),
    );
  });
});

describe('Dockerfile', () => {
  it('is multi-stage, installs production dependencies only and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  it('copies every workspace manifest the lock file needs', () => {
    for (const [name] of SERVICES) expect(dockerfile).toContain(`COPY services/${name}/package.json`);
    expect(dockerfile).toContain('COPY libs/contracts/package.json');
    expect(dockerfile).toContain('COPY libs/runtime/package.json');
  });
});
