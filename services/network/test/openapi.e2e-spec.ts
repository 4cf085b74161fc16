/*
 * The OpenAPI document outside clients (and a schemathesis run against
 * /docs-json) rely on: every route documents its errors and its success
 * schema, and what the service really answers matches what it documents,
 * field for field (undocumented fields count as a mismatch here).
 */
import { startTestService, TestService } from '@netdirect/runtime/testing';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../src/app.module';

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every object schema closed: a field the service sends but the document does not name is a mismatch. */
function closeObjects(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(closeObjects);
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Json;
  if (s.properties && s.additionalProperties === undefined) s.additionalProperties = false;
  Object.values(s).forEach(closeObjects);
}

describe('network OpenAPI document', () => {
  let svc: TestService;
  let doc: Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    svc = await startTestService(AppModule);
    doc = (await request(svc.url).get('/docs-json').expect(200)).body;
    const components = JSON.parse(JSON.stringify(doc.components ?? {}));
    closeObjects(components.schemas);
    ajv.addSchema({ $id: 'doc', components }, 'doc');
  });
  afterAll(async () => svc?.close());

  const ops = () => ({ Authorization: `Bearer ${svc.token('ops', 'ops-anna')}` });
  const as = (subject: string) => ({ Authorization: `Bearer ${svc.token('member', subject)}` });

  /** The documented schema of `route`'s answer with `status`, as a validator. */
  function validatorFor(method: string, route: string, status: number): ValidateFunction {
    const key = `${method} ${route} ${status}`;
    const cached = validators.get(key);
    if (cached) return cached;
    const response = doc.paths[route]?.[method]?.responses?.[String(status)];
    if (!response) throw new Error(`${key} is not documented`);
    const schema = JSON.parse(JSON.stringify(response.content?.['application/json']?.schema ?? {}).replace(
      /"#\/components\//g,
      '"doc#/components/',
    ));
    closeObjects(schema);
    const validate = ajv.compile(schema);
    validators.set(key, validate);
    return validate;
  }

  /** Call, then check the status is documented for the route and the body matches its schema. */
  async function conforms(
    method: 'get' | 'post',
    route: string,
    path: string,
    status: number,
    auth: Json,
    body?: Json,
  ): Promise<Json> {
    const call = request(svc.url)[method](path).set(auth);
    const res = await (body ? call.send(body) : call);
    expect([path, res.status, res.body]).toEqual([path, status, expect.anything()]);
    const validate = validatorFor(method, route, status);
    const parsed: Json =
      res.headers['content-type']?.includes('json') && res.text ? JSON.parse(res.text) : res.body;
    if (!validate(parsed)) {
      throw new Error(`${method} ${path} → ${status} does not match its schema: ${ajv.errorsText(validate.errors)}\n${res.text}`);
    }
    return parsed;
  }

  it('documents, for every route, its success schema, its errors and its path parameters', () => {
    const gaps: string[] = [];
    for (const [route, item] of Object.entries<Json>(doc.paths)) {
      if (!route.startsWith('/v1/')) continue;
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const where = `${method.toUpperCase()} ${route}`;
        const codes = Object.keys(op.responses ?? {});
        const success = codes.filter((c) => c.startsWith('2'));
        if (success.length !== 1) gaps.push(`${where}: one success status, not ${success.join(',') || 'none'}`);
        for (const c of success)
          if (!op.responses[c].content?.['application/json']?.schema) gaps.push(`${where}: ${c} has no schema`);
        const needed = ['400', '401', '403', ...(op.requestBody ? ['413', '415'] : [])];
        for (const c of needed) if (!codes.includes(c)) gaps.push(`${where}: ${c} not documented`);
        if (route.includes('{id}')) {
          const id = (op.parameters ?? []).find((p: Json) => p.in === 'path' && p.name === 'id');
          if (id?.schema?.format !== 'uuid') gaps.push(`${where}: path id not documented as a uuid`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it('documents request constraints as the validators enforce them', () => {
    const schemas = doc.components.schemas;
    expect(schemas.RegisterMemberRequest.properties).toMatchObject({
      kind: { enum: ['consumer', 'operator'] },
      referralCode: { pattern: '^[0-9A-Za-z]{8}$' },
      market: { pattern: '^[A-Z]{2}$' },
      name: { minLength: 1, maxLength: 200 },
      email: { format: 'email', maxLength: 254 },
    });
    expect(schemas.DownlineQuery ?? doc.paths['/v1/members/{id}/downline'].get.parameters).toBeDefined();
    const limit = doc.paths['/v1/members/{id}/downline'].get.parameters.find((p: Json) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
  });

  it('answers exactly what it documents, for successes and refusals', async () => {
    const root = await conforms('post', '/v1/members', '/v1/members', 201, ops(), {
      kind: 'operator',
      market: 'DE',
      name: 'Root Operator',
      email: `root.${randomUUID()}@example.org`,
    });
    const child = await conforms('post', '/v1/members', '/v1/members', 201, as('signup'), {
      kind: 'consumer',
      referralCode: root.referralCode,
      market: 'DE',
      name: 'Child',
      email: `child.${randomUUID()}@example.org`,
    });
    await conforms('post', '/v1/members', '/v1/members', 400, ops(), { kind: 'boss' });
    await conforms('post', '/v1/members', '/v1/members', 403, as('signup'), {
      kind: 'operator',
      market: 'DE',
      name: 'X',
      email: 'x@example.org',
    });
    await conforms('post', '/v1/members', '/v1/members', 422, as('signup'), {
      kind: 'consumer',
      referralCode: 'ZZZZZZZZ',
      market: 'DE',
      name: 'X',
      email: 'x@example.org',
    });

    const m = '/v1/members/{id}';
    const read = await conforms('get', m, `/v1/members/${child.id}`, 200, as(root.id));
    // The check itself bites: an undocumented field or a wrong type is a mismatch.
    expect(validatorFor('get', m, 200)({ ...read, surprise: 1 })).toBe(false);
    expect(validatorFor('get', m, 200)({ ...read, owner: { ...read.owner, partyId: 7 } })).toBe(false);
    expect(validatorFor('get', m, 200)({ ...read, sponsorId: null })).toBe(true);
    await conforms('get', m, `/v1/members/${randomUUID()}`, 404, ops());
    await conforms('get', m, `/v1/members/${randomUUID()}`, 403, as(child.id));
    await conforms('get', m, '/v1/members/not-a-uuid', 400, ops());
    await conforms('get', m, `/v1/members/${child.id}`, 401, {});
    const text = await request(svc.url)
      .post(`/v1/members/${child.id}/status`)
      .set(ops())
      .set('Content-Type', 'text/plain')
      .send('suspend them');
    expect(text.status).toBe(415);
    expect(validatorFor('post', `${m}/status`, 415)(text.body)).toBe(true);
    const huge = await request(svc.url)
      .post(`/v1/members/${child.id}/status`)
      .set(ops())
      .send({ status: 'suspended', reason: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    expect(validatorFor('post', `${m}/status`, 413)(huge.body)).toBe(true);
    await conforms('get', `${m}/upline`, `/v1/members/${child.id}/upline`, 200, as(child.id));
    await conforms('get', `${m}/downline`, `/v1/members/${root.id}/downline?limit=1`, 200, ops());
    await conforms('get', `${m}/downline`, `/v1/members/${root.id}/downline?limit=0`, 400, ops());
    await conforms('get', `${m}/subtree/stats`, `/v1/members/${root.id}/subtree/stats`, 200, ops());
    await conforms('get', `${m}/subtree/export`, `/v1/members/${root.id}/subtree/export`, 200, ops());
    await conforms('get', `${m}/history`, `/v1/members/${child.id}/history`, 200, as(child.id));

    const upgraded = await conforms('post', `${m}/upgrade`, `/v1/members/${child.id}/upgrade`, 200, as(child.id), {
      termsVersion: 'operator-terms-2026-01',
    });
    expect(upgraded.kind).toBe('operator');
    await conforms('post', `${m}/upgrade`, `/v1/members/${child.id}/upgrade`, 422, as(child.id), {
      termsVersion: 'again',
    });
    await conforms('post', `${m}/status`, `/v1/members/${child.id}/status`, 200, ops(), {
      status: 'suspended',
      reason: 'audit',
    });
    await conforms('post', `${m}/status`, `/v1/members/${child.id}/status`, 422, ops(), {
      status: 'suspended',
      reason: 'again',
    });
    const other = await conforms('post', '/v1/members', '/v1/members', 201, ops(), {
      kind: 'operator',
      market: 'DE',
      name: 'Other Root',
      email: `other.${randomUUID()}@example.org`,
    });
    const grandchild = await conforms('post', '/v1/members', '/v1/members', 201, as('signup'), {
      kind: 'operator',
      referralCode: root.referralCode,
      market: 'DE',
      name: 'Grandchild',
      email: `g.${randomUUID()}@example.org`,
    });
    await conforms('post', `${m}/sponsor`, `/v1/members/${grandchild.id}/sponsor`, 200, ops(), {
      newSponsorId: other.id,
      reason: 'wrong link',
    });
    await conforms('get', `${m}/history`, `/v1/members/${grandchild.id}/history`, 200, ops());

    await conforms('get', '/v1/reviews', '/v1/reviews', 200, ops());
    await conforms('get', '/v1/reviews', '/v1/reviews', 403, as(root.id));

    const party = await conforms('post', '/v1/parties', '/v1/parties', 201, ops(), {
      kind: 'person',
      name: 'Lena Tochter',
    });
    await conforms('get', '/v1/parties/{id}', `/v1/parties/${party.id}`, 200, ops());
    await conforms('get', '/v1/parties/{id}', `/v1/parties/${randomUUID()}`, 404, ops());
    const t = await conforms('post', `${m}/transfers`, `/v1/members/${root.id}/transfers`, 201, ops(), {
      reason: 'inheritance',
      newOwnerPartyId: party.id,
      statement: 'certificate of inheritance, case 77',
    });
    await conforms('post', `${m}/transfers`, `/v1/members/${root.id}/transfers`, 409, as(root.id), {
      reason: 'gift',
      newOwnerPartyId: party.id,
      statement: 'x',
    });
    await conforms('post', `${m}/transfers`, `/v1/members/${root.id}/transfers`, 403, as(party.id), {
      reason: 'inheritance',
      newOwnerPartyId: party.id,
      statement: 'x',
    });
    await conforms('get', `${m}/transfers`, `/v1/members/${root.id}/transfers`, 200, as(root.id));
    await conforms('post', '/v1/transfers/{id}/approve', `/v1/transfers/${t.id}/approve`, 422, ops(), { note: 'n' });
    await conforms('post', '/v1/parties/{id}/identity-check', `/v1/parties/${party.id}/identity-check`, 200, ops(), {
      passed: true,
      reference: 'KYC-1',
    });
    await conforms('post', '/v1/transfers/{id}/approve', `/v1/transfers/${t.id}/approve`, 200, ops(), {
      note: 'checked',
    });
    await conforms('get', '/v1/transfers/{id}', `/v1/transfers/${t.id}`, 200, ops());
    await conforms('get', `${m}/history`, `/v1/members/${root.id}/history`, 200, ops());
  });
});
