import { getModelToken } from '@nestjs/mongoose';
import { Topics } from '@netdirect/contracts';
import {
  CapturedMessage,
  KafkaTestClient,
  startTestService,
  TestService,
  waitFor,
} from '@netdirect/runtime/testing';
import { Model } from 'mongoose';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { randomUUID } from 'node:crypto';
import { MEMBER_MODEL } from '../src/members/member.schema';

type Json = Record<string, any>;
let emailSeq = 0;
const email = () => `person${++emailSeq}.${Date.now()}@example.org`;

describe('network service: members, sponsors, upline, downline, transfers (real Kafka and the MongoDB-wire database)', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();
  let captured: CapturedMessage[];

  beforeAll(async () => {
    captured = await kafka.capture([Topics.networkMembers.name]);
    svc = await startTestService(AppModule);
  });

  afterAll(async () => {
    await svc?.close();
    await kafka.close();
  });

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops', 'ops-anna')}` });
  const as = (memberId: string) => ({ Authorization: `Bearer ${svc.token('member', memberId)}` });
  const signup = () => ({ Authorization: `Bearer ${svc.token('member', 'mall-signup')}` });

  async function register(body: Json, auth: Json = signup()): Promise<Json> {
    const res = await request(svc.url)
      .post('/v1/members')
      .set(auth)
      .send({ market: 'DE', name: 'Test Person', email: email(), ...body });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const root = (body: Json = {}) => register({ kind: 'operator', ...body }, ops());
  const under = (sponsor: Json, kind: 'operator' | 'consumer' = 'operator', body: Json = {}) =>
    register({ kind, referralCode: sponsor.referralCode, ...body });
  const eventsFor = (memberId: string, type?: string): Json[] =>
    captured
      .filter((m) => m.key === memberId)
      .map((m) => JSON.parse(m.value!))
      .filter((e) => !type || e.type === type);
  /** The member's events of this type once there is at least one (for waitFor). */
  const someEvents = (memberId: string, type: string) => () => {
    const events = eventsFor(memberId, type);
    return events.length ? events : undefined;
  };

  describe('registration and referral codes', () => {
    it('registers a root, an operator and a consumer with depth, path and a MemberRegistered each', async () => {
      const a = await root();
      const b = await under({ referralCode: a.referralCode.toLowerCase() }); // codes are case-insensitive
      const c = await under(b, 'consumer');
      expect(a).toMatchObject({ depth: 0, uplinePath: [], sponsorId: null, kind: 'operator' });
      expect(a.referralCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(b).toMatchObject({ depth: 1, uplinePath: [a.id], sponsorId: a.id });
      expect(c).toMatchObject({ depth: 2, uplinePath: [b.id, a.id], sponsorId: b.id, kind: 'consumer' });
      expect(c.referralCode).toBeUndefined();
      const [event] = await waitFor(
        'MemberRegistered of c',
        someEvents(c.id, 'MemberRegistered'),
      );
      expect(event.data).toMatchObject({
        memberId: c.id,
        kind: 'consumer',
        sponsorId: b.id,
        depth: 2,
        uplinePath: [b.id, a.id],
        market: 'DE',
        ownerPartyId: c.owner.partyId,
      });
      expect(event.data.referralCode).toBeUndefined();
    });

    it('puts an operator’s own referral code and the owner’s party id on MemberRegistered, also for a root ops registered directly', async () => {
      const a = await root();
      const b = await under(a);
      for (const m of [a, b]) {
        const [event] = await waitFor(`MemberRegistered of ${m.id}`, someEvents(m.id, 'MemberRegistered'));
        expect(event.data).toMatchObject({ referralCode: m.referralCode, ownerPartyId: m.owner.partyId });
      }
    });

    it('refuses an unknown code, a code of a suspended sponsor, and a root registered by a non-ops caller', async () => {
      const unknown = await request(svc.url)
        .post('/v1/members')
        .set(signup())
        .send({ kind: 'consumer', referralCode: 'ZZZZZZZZ', market: 'DE', name: 'X', email: email() });
      expect(unknown.status).toBe(422);
      expect(unknown.body.message).toMatch(/referralCode: no operator has this referral code/);

      const a = await root();
      await request(svc.url)
        .post(`/v1/members/${a.id}/status`)
        .set(ops())
        .send({ status: 'suspended', reason: 'audit' })
        .expect(200);
      const suspended = await request(svc.url)
        .post('/v1/members')
        .set(signup())
        .send({ kind: 'consumer', referralCode: a.referralCode, market: 'DE', name: 'X', email: email() });
      expect(suspended.status).toBe(422);
      expect(suspended.body.message).toMatch(/the sponsor is suspended/);

      await request(svc.url)
        .post('/v1/members')
        .set(signup())
        .send({ kind: 'operator', market: 'DE', name: 'X', email: email() })
        .expect(403);
    });

    it('answers bad input with 400 naming each field', async () => {
      const res = await request(svc.url)
        .post('/v1/members')
        .set(ops())
        .send({ kind: 'boss', market: 'germany', name: '', email: 'not-an-email', fee: 100 })
        .expect(400);
      const fields = res.body.fields.map((f: Json) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['kind', 'market', 'name', 'email', 'fee']));
    });
  });

  describe('consumer → operator', () => {
    it('upgrades on the member’s own request with a terms version, gives a code and emits MemberUpgraded', async () => {
      const a = await root();
      const d = await under(a, 'consumer');
      await request(svc.url)
        .post(`/v1/members/${d.id}/upgrade`)
        .set(as(a.id))
        .send({ termsVersion: 'v1' })
        .expect(403);
      await request(svc.url)
        .post(`/v1/members/${d.id}/upgrade`)
        .set(as(d.id))
        .send({ termsVersion: 'v1', fee: 49 })
        .expect(400);
      const res = await request(svc.url)
        .post(`/v1/members/${d.id}/upgrade`)
        .set(as(d.id))
        .send({ termsVersion: 'operator-terms-2026-01' })
        .expect(200);
      expect(res.body).toMatchObject({ kind: 'operator', termsVersion: 'operator-terms-2026-01' });
      expect(res.body.referralCode).toMatch(/^[0-9A-Z]{8}$/);
      const [event] = await waitFor(
        'MemberUpgraded',
        someEvents(d.id, 'MemberUpgraded'),
      );
      expect(event.data).toMatchObject({
        memberId: d.id,
        termsVersion: 'operator-terms-2026-01',
        referralCode: res.body.referralCode,
      });
      // The new code works at once, and a second upgrade is refused.
      const recruit = await under(res.body, 'consumer');
      expect(recruit.uplinePath).toEqual([d.id, a.id]);
      const again = await request(svc.url)
        .post(`/v1/members/${d.id}/upgrade`)
        .set(as(d.id))
        .send({ termsVersion: 'v2' })
        .expect(422);
      expect(again.body.message).toMatch(/already an operator/);
    });
  });

  describe('queries and who may read them', () => {
    let a: Json, b: Json, c: Json, d: Json, e: Json, stranger: Json;
    beforeAll(async () => {
      a = await root();
      b = await under(a);
      c = await under(a, 'consumer');
      d = await under(b);
      e = await under(d, 'consumer');
      stranger = await root();
    });

    it('reads the upline nearest first', async () => {
      const res = await request(svc.url).get(`/v1/members/${e.id}/upline`).set(as(e.id)).expect(200);
      expect(res.body.upline).toEqual([
        { memberId: d.id, level: 1, depth: 2 },
        { memberId: b.id, level: 2, depth: 1 },
        { memberId: a.id, level: 3, depth: 0 },
      ]);
    });

    it('pages the downline by level with a cursor', async () => {
      const level1 = await request(svc.url)
        .get(`/v1/members/${a.id}/downline?level=1&limit=1`)
        .set(as(a.id))
        .expect(200);
      expect(level1.body.items).toHaveLength(1);
      expect(level1.body.nextCursor).toBe(level1.body.items[0].id);
      const rest = await request(svc.url)
        .get(`/v1/members/${a.id}/downline?level=1&limit=1&cursor=${level1.body.nextCursor}`)
        .set(as(a.id))
        .expect(200);
      expect(rest.body.nextCursor).toBeNull();
      expect([...level1.body.items, ...rest.body.items].map((m: Json) => m.id).sort()).toEqual(
        [b.id, c.id].sort(),
      );
      const level2 = await request(svc.url)
        .get(`/v1/members/${a.id}/downline?level=2`)
        .set(ops())
        .expect(200);
      expect(level2.body.items.map((m: Json) => [m.id, m.level])).toEqual([[d.id, 2]]);
      const all = await request(svc.url).get(`/v1/members/${a.id}/downline`).set(ops()).expect(200);
      expect(all.body.items).toHaveLength(4);
      await request(svc.url).get(`/v1/members/${a.id}/downline?level=0`).set(ops()).expect(400);
    });

    it('counts the downline below the member, not the member itself: size, operators, consumers, depth', async () => {
      const res = await request(svc.url).get(`/v1/members/${a.id}/subtree/stats`).set(as(a.id)).expect(200);
      // b, c, d, e: a (an operator) is not its own downline.
      expect(res.body).toEqual({ memberId: a.id, size: 4, operators: 2, consumers: 2, terminated: 0, depth: 3 });
      const leaf = await request(svc.url).get(`/v1/members/${e.id}/subtree/stats`).set(ops()).expect(200);
      expect(leaf.body).toEqual({ memberId: e.id, size: 0, operators: 0, consumers: 0, terminated: 0, depth: 0 });
    });

    it('streams the subtree as a JSON array, the member first', async () => {
      const res = await request(svc.url).get(`/v1/members/${b.id}/subtree/export`).set(as(b.id)).expect(200);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      const rows = JSON.parse(res.text);
      expect(rows[0]).toMatchObject({ id: b.id, level: 0 });
      expect(rows.map((r: Json) => r.id).sort()).toEqual([b.id, d.id, e.id].sort());
    });

    it('lets a member read their own position and downline, and nothing else (403)', async () => {
      await request(svc.url).get(`/v1/members/${d.id}`).set(as(b.id)).expect(200);
      await request(svc.url).get(`/v1/members/${d.id}/downline`).set(as(b.id)).expect(200);
      await request(svc.url).get(`/v1/members/${b.id}/downline`).set(as(stranger.id)).expect(403);
      await request(svc.url).get(`/v1/members/${a.id}/downline`).set(as(b.id)).expect(403); // the upline is not one's downline
      await request(svc.url).get(`/v1/members/${c.id}/subtree/stats`).set(as(b.id)).expect(403); // a sibling
      await request(svc.url).get(`/v1/members/${a.id}/subtree/export`).set(as(e.id)).expect(403);
      const nobody = randomUUID();
      await request(svc.url).get(`/v1/members/${nobody}`).set(as(b.id)).expect(403);
      const missing = await request(svc.url).get(`/v1/members/${nobody}`).set(ops()).expect(404);
      expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No member ${nobody}` });
      // Every id this service hands out is a UUID: anything else is refused before any read.
      const malformed = await request(svc.url).get('/v1/members/no-such-member').set(ops()).expect(400);
      expect(malformed.body.fields).toEqual([{ field: 'id', reason: 'id must be a UUID' }]);
      await request(svc.url).get(`/v1/members/${d.id}/history`).set(as(b.id)).expect(403);
      const history = await request(svc.url).get(`/v1/members/${d.id}/history`).set(as(d.id)).expect(200);
      expect(history.body[0]).toMatchObject({ action: 'registered' });
    });
  });

  describe('termination', () => {
    it('rolls the direct downline up to the sponsor, rewrites the whole moved subtree and emits MemberMoved for each', async () => {
      const a = await root();
      const x = await under(a);
      const y1 = await under(x);
      const y2 = await under(x, 'consumer');
      const z = await under(y1);
      const w = await under(z, 'consumer');
      const res = await request(svc.url)
        .post(`/v1/members/${x.id}/status`)
        .set(ops())
        .send({ status: 'terminated', reason: 'compliance case 9' })
        .expect(200);
      expect(res.body.member.status).toBe('terminated');
      expect(res.body.moved).toBe(4);

      const get = async (m: Json) =>
        (await request(svc.url).get(`/v1/members/${m.id}`).set(ops()).expect(200)).body;
      expect(await get(y1)).toMatchObject({ sponsorId: a.id, depth: 1, uplinePath: [a.id] });
      expect(await get(y2)).toMatchObject({ sponsorId: a.id, depth: 1, uplinePath: [a.id] });
      expect(await get(z)).toMatchObject({ sponsorId: y1.id, depth: 2, uplinePath: [y1.id, a.id] });
      expect(await get(w)).toMatchObject({ sponsorId: z.id, depth: 3, uplinePath: [z.id, y1.id, a.id] });

      const [status] = await waitFor(
        'MemberStatusChanged',
        someEvents(x.id, 'MemberStatusChanged'),
      );
      expect(status.data).toMatchObject({
        from: 'active',
        to: 'terminated',
        reason: 'compliance case 9',
        by: 'ops-anna',
      });
      for (const m of [y1, y2, z, w]) {
        const [moved] = await waitFor(
          `MemberMoved of ${m.id}`,
          someEvents(m.id, 'MemberMoved'),
        );
        expect(moved.data).toMatchObject({ memberId: m.id, cause: 'sponsor-terminated', causedBy: x.id });
      }
      expect(eventsFor(w.id, 'MemberMoved')[0].data.uplinePath).toEqual([z.id, y1.id, a.id]);

      // Its code no longer works and termination is final.
      const late = await request(svc.url)
        .post('/v1/members')
        .set(signup())
        .send({ kind: 'consumer', referralCode: x.referralCode, market: 'DE', name: 'X', email: email() });
      expect(late.status).toBe(422);
      await request(svc.url)
        .post(`/v1/members/${x.id}/status`)
        .set(ops())
        .send({ status: 'active', reason: 'oops' })
        .expect(422);
      // a's downline is y1, y2, z, w; the terminated x is counted apart, not as an operator.
      const stats = await request(svc.url).get(`/v1/members/${a.id}/subtree/stats`).set(ops()).expect(200);
      expect(stats.body).toEqual({
        memberId: a.id,
        size: 4,
        operators: 2,
        consumers: 2,
        terminated: 1,
        depth: 3,
      });
    });

    it('suspends and reinstates with MemberStatusChanged, ops only', async () => {
      const a = await root();
      await request(svc.url)
        .post(`/v1/members/${a.id}/status`)
        .set(as(a.id))
        .send({ status: 'suspended', reason: 'x' })
        .expect(403);
      await request(svc.url)
        .post(`/v1/members/${a.id}/status`)
        .set(ops())
        .send({ status: 'suspended', reason: 'chargebacks' })
        .expect(200);
      await request(svc.url)
        .post(`/v1/members/${a.id}/status`)
        .set(ops())
        .send({ status: 'suspended', reason: 'again' })
        .expect(422);
      const back = await request(svc.url)
        .post(`/v1/members/${a.id}/status`)
        .set(ops())
        .send({ status: 'active', reason: 'cleared' })
        .expect(200);
      expect(back.body.member.status).toBe('active');
      const changes = await waitFor(
        'two status changes',
        () => eventsFor(a.id, 'MemberStatusChanged').length === 2 && eventsFor(a.id, 'MemberStatusChanged'),
      );
      expect(changes.map((e: Json) => e.data.to)).toEqual(['suspended', 'active']);
    });
  });

  describe('sponsor change', () => {
    it('moves a member and its subtree within the window, audited, with MemberSponsorChanged and MemberMoved', async () => {
      const a = await root();
      const b = await under(a);
      const x = await under(b);
      const y = await under(x, 'consumer');
      const res = await request(svc.url)
        .post(`/v1/members/${x.id}/sponsor`)
        .set(ops())
        .send({ newSponsorId: a.id, reason: 'signed up through the wrong link, ticket 12' })
        .expect(200);
      expect(res.body.member).toMatchObject({ sponsorId: a.id, depth: 1, uplinePath: [a.id] });
      expect(res.body.moved).toBe(1);
      const yNow = (await request(svc.url).get(`/v1/members/${y.id}`).set(ops()).expect(200)).body;
      expect(yNow).toMatchObject({ sponsorId: x.id, depth: 2, uplinePath: [x.id, a.id] });
      const [changed] = await waitFor(
        'MemberSponsorChanged',
        someEvents(x.id, 'MemberSponsorChanged'),
      );
      expect(changed.data).toMatchObject({
        oldSponsorId: b.id,
        newSponsorId: a.id,
        uplinePath: [a.id],
        by: 'ops-anna',
        reason: 'signed up through the wrong link, ticket 12',
      });
      const [moved] = await waitFor(
        'MemberMoved of y',
        someEvents(y.id, 'MemberMoved'),
      );
      // y keeps its sponsor (x); what changed is its path and depth, and both say from what.
      expect(moved.data).toMatchObject({
        cause: 'upline-sponsor-changed',
        causedBy: x.id,
        oldSponsorId: x.id,
        newSponsorId: x.id,
        uplinePath: [x.id, a.id],
        depth: 2,
        oldUplinePath: [x.id, b.id, a.id],
        oldDepth: 3,
      });
      const yHistory = (await request(svc.url).get(`/v1/members/${y.id}/history`).set(ops()).expect(200)).body;
      expect(yHistory.at(-1)).toMatchObject({
        action: 'moved',
        details: {
          from: x.id,
          to: x.id,
          oldUplinePath: [x.id, b.id, a.id],
          uplinePath: [x.id, a.id],
          oldDepth: 3,
          depth: 2,
        },
      });
      const history = (await request(svc.url).get(`/v1/members/${x.id}/history`).set(ops()).expect(200)).body;
      expect(history.at(-1)).toMatchObject({
        action: 'sponsor-changed',
        by: 'ops-anna',
        reason: 'signed up through the wrong link, ticket 12',
      });
    });

    it('refuses a cycle with 422', async () => {
      const a = await root();
      const x = await under(a);
      const y = await under(x);
      const res = await request(svc.url)
        .post(`/v1/members/${x.id}/sponsor`)
        .set(ops())
        .send({ newSponsorId: y.id, reason: 'test' })
        .expect(422);
      expect(res.body.message).toMatch(/downline.*cycle/);
      await request(svc.url)
        .post(`/v1/members/${x.id}/sponsor`)
        .set(ops())
        .send({ newSponsorId: x.id, reason: 'test' })
        .expect(422);
      expect((await request(svc.url).get(`/v1/members/${x.id}`).set(ops())).body.uplinePath).toEqual([a.id]);
    });

    it('refuses a change outside the grace window with 422', async () => {
      const a = await root();
      const other = await root();
      const x = await under(a);
      const members = svc.app.get<Model<unknown>>(getModelToken(MEMBER_MODEL));
      await members
        .updateOne({ _id: x.id }, { $set: { joinedAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) } })
        .exec();
      const res = await request(svc.url)
        .post(`/v1/members/${x.id}/sponsor`)
        .set(ops())
        .send({ newSponsorId: other.id, reason: 'late' })
        .expect(422);
      expect(res.body.message).toMatch(/only within 30 days of joining/);
      await request(svc.url)
        .post(`/v1/members/${x.id}/sponsor`)
        .set(as(x.id))
        .send({ newSponsorId: other.id, reason: 'me' })
        .expect(403);
    });
  });

  describe('position transfers', () => {
    const party = async (name: string, kind = 'person') =>
      (await request(svc.url).post('/v1/parties').set(ops()).send({ kind, name }).expect(201)).body;

    it('refuses a sale under the default profile, saying why', async () => {
      const a = await root();
      const buyer = await party('Buyer');
      const res = await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(as(a.id))
        .send({ reason: 'sale', newOwnerPartyId: buyer.id, statement: 'Selling my downline for 5000 EUR' })
        .expect(422);
      expect(res.body.message).toMatch(
        /reason: a position may not be sold for money: paying for a downline is a mark of a pyramid scheme/,
      );
    });

    it('an heir cannot open a request on a position (403), so cannot block the owner’s own requests', async () => {
      const a = await root();
      const claimant = await party('Someone Claiming');
      const blocked = await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set({ Authorization: `Bearer ${svc.token('member', claimant.id)}` })
        .send({ reason: 'inheritance', newOwnerPartyId: claimant.id, statement: 'I am the heir' })
        .expect(403);
      expect(blocked.body.message).toMatch(/Only the member or ops may request a transfer/);
      // The owner's own request is not blocked by the attempt.
      const company = await party('A GmbH', 'legal-entity');
      await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(as(a.id))
        .send({ reason: 'legal-entity-change', newOwnerPartyId: company.id, statement: 'into my company' })
        .expect(201);
    });

    it('ops opens an heir’s request with the evidence and approves only after an identity check; the owner changes and MemberPositionTransferred is emitted', async () => {
      const a = await root({ name: 'Karl Vater' });
      const heir = await party('Lena Tochter');
      const t = await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(ops())
        .send({
          reason: 'inheritance',
          newOwnerPartyId: heir.id,
          statement: 'Certificate of inheritance, case 77',
        })
        .expect(201);
      expect(t.body).toMatchObject({
        status: 'requested',
        requestedBy: { subject: 'ops-anna', as: 'ops' },
        previousOwner: { name: 'Karl Vater' },
      });
      // A gift request by a stranger is not theirs to make; a second open request conflicts.
      await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(as(randomUUID()))
        .send({ reason: 'gift', newOwnerPartyId: heir.id, statement: 'x' })
        .expect(403);
      await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(as(a.id))
        .send({ reason: 'gift', newOwnerPartyId: heir.id, statement: 'x' })
        .expect(409);

      const unchecked = await request(svc.url)
        .post(`/v1/transfers/${t.body.id}/approve`)
        .set(ops())
        .send({ note: 'ok' })
        .expect(422);
      expect(unchecked.body.message).toMatch(/identity check/);
      await request(svc.url)
        .post(`/v1/parties/${heir.id}/identity-check`)
        .set(as(a.id))
        .send({ passed: true, reference: 'KYC-1' })
        .expect(403);
      await request(svc.url)
        .post(`/v1/parties/${heir.id}/identity-check`)
        .set(ops())
        .send({ passed: true, reference: 'KYC-1' })
        .expect(200);
      const approved = await request(svc.url)
        .post(`/v1/transfers/${t.body.id}/approve`)
        .set(ops())
        .send({ note: 'documents checked' })
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'ops-anna' });
      await request(svc.url)
        .post(`/v1/transfers/${t.body.id}/approve`)
        .set(ops())
        .send({ note: 'twice' })
        .expect(422);

      const member = (await request(svc.url).get(`/v1/members/${a.id}`).set(ops()).expect(200)).body;
      expect(member.owner).toEqual({ partyId: heir.id, name: 'Lena Tochter' });
      expect(member.referralCode).toBeDefined(); // the position, its code and its downline stay
      const [event] = await waitFor(
        'MemberPositionTransferred',
        someEvents(a.id, 'MemberPositionTransferred'),
      );
      expect(event.data).toMatchObject({
        transferId: t.body.id,
        reason: 'inheritance',
        approvedBy: 'ops-anna',
        newOwner: { partyId: heir.id, name: 'Lena Tochter' },
        previousOwner: { name: 'Karl Vater' },
      });
      const history = (await request(svc.url).get(`/v1/members/${a.id}/history`).set(ops()).expect(200)).body;
      expect(history.at(-1)).toMatchObject({
        action: 'transferred',
        by: 'ops-anna',
        reason: 'documents checked',
      });
    });

    it('ops rejects a request with a note, and the position may then be requested again', async () => {
      const a = await root();
      const company = await party('A GmbH', 'legal-entity');
      const t = await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(as(a.id))
        .send({
          reason: 'legal-entity-change',
          newOwnerPartyId: company.id,
          statement: 'moving into my company',
        })
        .expect(201);
      await request(svc.url)
        .post(`/v1/transfers/${t.body.id}/reject`)
        .set(as(a.id))
        .send({ note: 'no' })
        .expect(403);
      const rejected = await request(svc.url)
        .post(`/v1/transfers/${t.body.id}/reject`)
        .set(ops())
        .send({ note: 'register extract missing' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'register extract missing' });
      await request(svc.url)
        .post(`/v1/members/${a.id}/transfers`)
        .set(as(a.id))
        .send({ reason: 'legal-entity-change', newOwnerPartyId: company.id, statement: 'with extract' })
        .expect(201);
      expect((await request(svc.url).get(`/v1/members/${a.id}`).set(ops())).body.owner.partyId).not.toBe(
        company.id,
      );
    });
  });

  describe('fraud signals', () => {
    it('flags a registration with the sponsor’s own email, phone or payment fingerprint for review (default)', async () => {
      const a = await root({
        email: 'boss@example.org',
        phone: '+49 30 555 0101',
        paymentFingerprint: 'card-abc',
      });
      const self = await under(a, 'consumer', { email: 'Boss+second@example.org' });
      expect(self.review).toMatchObject({ status: 'pending', signals: ['email'] });
      const card = await under(a, 'consumer', { paymentFingerprint: 'card-abc', phone: '0049 30 5550101' });
      expect(card.review.signals).toEqual(['phone', 'payment']);
      const clean = await under(a, 'consumer');
      expect(clean.review).toBeUndefined();

      const list = await request(svc.url).get('/v1/reviews').set(ops()).expect(200);
      expect(list.body.items.map((m: Json) => m.id)).toEqual(expect.arrayContaining([self.id, card.id]));
      await request(svc.url).get('/v1/reviews').set(as(a.id)).expect(403);
      const decided = await request(svc.url)
        .post(`/v1/members/${card.id}/review`)
        .set(ops())
        .send({ decision: 'cleared', note: 'spouses' })
        .expect(200);
      expect(decided.body.review.status).toBe('cleared');
      const after = await request(svc.url).get('/v1/reviews').set(ops()).expect(200);
      expect(after.body.items.map((m: Json) => m.id)).not.toContain(card.id);
    });

    it('refuses such a registration when NETWORK_SELF_REFERRAL=refuse', async () => {
      const strict = await startTestService(AppModule, { NETWORK_SELF_REFERRAL: 'refuse' });
      try {
        const a = (
          await request(strict.url)
            .post('/v1/members')
            .set({ Authorization: `Bearer ${strict.token('ops')}` })
            .send({ kind: 'operator', market: 'DE', name: 'Boss', email: 'boss@example.org' })
            .expect(201)
        ).body;
        const res = await request(strict.url)
          .post('/v1/members')
          .set({ Authorization: `Bearer ${strict.token('member')}` })
          .send({
            kind: 'operator',
            referralCode: a.referralCode,
            market: 'DE',
            name: 'Boss 2',
            email: 'BOSS@example.org',
          })
          .expect(422);
        expect(res.body.message).toMatch(/shares the sponsor's own email/);
      } finally {
        await strict.close();
      }
    });
  });

  describe('concurrency', () => {
    it('registers 200 members under one sponsor at once, all with correct paths', async () => {
      const a = await root();
      const b = await under(a);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          request(svc.url)
            .post('/v1/members')
            .set(signup())
            .send({
              kind: i % 2 ? 'operator' : 'consumer',
              referralCode: b.referralCode,
              market: 'DE',
              name: `P${i}`,
              email: email(),
            }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(200).fill(201));
      for (const r of results)
        expect(r.body).toMatchObject({ sponsorId: b.id, depth: 2, uplinePath: [b.id, a.id] });
      const codes = results.filter((r) => r.body.kind === 'operator').map((r) => r.body.referralCode);
      expect(new Set(codes).size).toBe(100);
      const stats = await request(svc.url).get(`/v1/members/${b.id}/subtree/stats`).set(ops()).expect(200);
      expect(stats.body).toEqual({
        memberId: b.id,
        size: 200,
        operators: 100,
        consumers: 100,
        terminated: 0,
        depth: 1,
      });
      const ids = new Set(results.map((r) => r.body.id));
      await waitFor(
        '200 MemberRegistered events',
        () => captured.filter((m) => ids.has(m.key!)).length >= 200,
        { timeoutMs: 30000 },
      );
    });

    it('keeps paths right when members register while their sponsor is being moved', async () => {
      const a = await root();
      const other = await root();
      const x = await under(a);
      const kids = await Promise.all(Array.from({ length: 20 }, () => under(x, 'consumer')));
      const [move, ...late] = await Promise.all([
        request(svc.url)
          .post(`/v1/members/${x.id}/sponsor`)
          .set(ops())
          .send({ newSponsorId: other.id, reason: 'race test' }),
        ...Array.from({ length: 30 }, () => under(x, 'consumer')),
      ]);
      expect(move.status).toBe(200);
      const down = await request(svc.url)
        .get(`/v1/members/${x.id}/downline?limit=1000`)
        .set(ops())
        .expect(200);
      expect(down.body.items).toHaveLength(kids.length + late.length);
      for (const m of down.body.items) {
        const full = (await request(svc.url).get(`/v1/members/${m.id}`).set(ops())).body;
        expect(full.uplinePath).toEqual([x.id, other.id]);
      }
    });
  });
});
