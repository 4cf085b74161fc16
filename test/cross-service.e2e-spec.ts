/**
 * Two services, two databases, one Kafka: the network service records
 * MemberRegistered in the same write as the member, its outbox relay publishes
 * it, and the commission service consumes it into its own read model.
 */
import request from 'supertest';
import { startTestService, TestService, waitFor } from '@netdirect/runtime/testing';
import { AppModule as CommissionApp } from '../services/commission/src/app.module';
import { AppModule as NetworkApp } from '../services/network/src/app.module';

describe('network publishes, commission consumes', () => {
  let network: TestService;
  let commission: TestService;

  beforeAll(async () => {
    [network, commission] = await Promise.all([
      startTestService(NetworkApp),
      startTestService(CommissionApp),
    ]);
  });
  afterAll(async () => {
    await Promise.all([network?.close(), commission?.close()]);
  });

  const as = (svc: TestService, role: 'ops' | 'member' | 'finance', subject?: string) => ({
    Authorization: `Bearer ${svc.token(role, subject)}`,
  });

  it('two services started at once each get their own database and consumer group', () => {
    expect(network.config.mongo.dbName).not.toBe(commission.config.mongo.dbName);
    expect(network.config.kafka.groupId).not.toBe(commission.config.kafka.groupId);
    expect(network.config.service.name).toBe('network');
    expect(commission.config.service.name).toBe('commission');
  });

  it('a member registered on the network appears, with its upline, in the commission read model', async () => {
    const root = await request(network.url)
      .post('/v1/members')
      .set(as(network, 'ops'))
      .send({ kind: 'operator', market: 'DE', name: 'Test Person', email: `p${Math.random()}@example.org` })
      .expect(201);
    expect(root.body).toMatchObject({ kind: 'operator', depth: 0, uplinePath: [], sponsorId: null });
    expect(root.body.referralCode).toMatch(/^[0-9A-Z]{8}$/);

    const child = await request(network.url)
      .post('/v1/members')
      .set(as(network, 'member', 'someone'))
      .send({
        kind: 'operator',
        market: 'DE',
        name: 'Test Person',
        email: `p${Math.random()}@example.org`,
        referralCode: root.body.referralCode.toLowerCase(),
      })
      .expect(201);
    const grandchild = await request(network.url)
      .post('/v1/members')
      .set(as(network, 'member', 'someone-else'))
      .send({
        kind: 'consumer',
        market: 'DE',
        name: 'Test Person',
        email: `p${Math.random()}@example.org`,
        referralCode: child.body.referralCode,
      })
      .expect(201);
    expect(grandchild.body).toMatchObject({ depth: 2, uplinePath: [child.body.id, root.body.id] });
    expect(grandchild.body.referralCode).toBeUndefined();

    const seen = await waitFor('the consumer in the commission read model', async () => {
      const res = await request(commission.url)
        .get(`/v1/network-members/${grandchild.body.id}`)
        .set(as(commission, 'finance'));
      return res.status === 200 && res.body;
    });
    expect(seen).toMatchObject({
      memberId: grandchild.body.id,
      kind: 'consumer',
      sponsorId: child.body.id,
      depth: 2,
      uplinePath: [child.body.id, root.body.id],
      market: 'DE',
    });
  });

  it('refuses an unknown referral code with 422 and a root from a non-ops caller with 403', async () => {
    const unknown = await request(network.url)
      .post('/v1/members')
      .set(as(network, 'member', 'x'))
      .send({
        kind: 'consumer',
        market: 'DE',
        name: 'Test Person',
        email: `p${Math.random()}@example.org`,
        referralCode: 'ZZZZZZZZ',
      })
      .expect(422);
    expect(unknown.body.message).toMatch(/referralCode/);
    await request(network.url)
      .post('/v1/members')
      .set(as(network, 'member', 'x'))
      .send({ kind: 'operator', market: 'DE', name: 'Test Person', email: `p${Math.random()}@example.org` })
      .expect(403);
    const bad = await request(network.url)
      .post('/v1/members')
      .set(as(network, 'ops'))
      .send({ kind: 'boss', market: 'Germany' })
      .expect(400);
    expect([...new Set(bad.body.fields.map((f: { field: string }) => f.field))].sort()).toEqual([
      'email',
      'kind',
      'market',
      'name',
    ]);
  });
});
