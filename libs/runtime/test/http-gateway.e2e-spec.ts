/**
 * The HTTP gateway every service shares, as an outside caller meets it:
 * request ids, the one error body shape, what is refused before a handler
 * runs, and how refusals are logged and counted.
 */
import { Body, Controller, Get, Logger, Module, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import request from 'supertest';
import { DomainError, EventRecorder, Public, RuntimeModule } from '../src';
import { KafkaTestClient, startTestService, TestService, uniqueId, waitFor } from '../src/testing';
import { PROBE_TOPIC, ProbeAppModule, ProbeRecorded } from './probe/probe.fixture';

class EchoRequest {
  @IsString() @MaxLength(20) name: string;
}

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

@Controller('gateway')
class GatewayController {
  constructor(private readonly recorder: EventRecorder) {}

  @Post('echo')
  @Public()
  echo(@Body() body: EchoRequest) {
    return { name: body.name };
  }

  @Get('page')
  @Public()
  page(@Query() query: PageQuery) {
    return { limit: query.limit ?? 10 };
  }

  @Post('rule')
  @Public()
  rule() {
    throw DomainError.rule('status', 'a terminated member cannot be moved');
  }

  @Get('missing')
  @Public()
  missing() {
    throw DomainError.notFound('No member m-1');
  }

  @Post('bad-event')
  @Public()
  badEvent() {
    // A producer bug: the contract refuses the payload before anything is recorded.
    return this.recorder.record(ProbeRecorded, { probeId: 'p', failTimes: -1, reject: false, needsFix: false });
  }

  @Get('boom')
  @Public()
  boom() {
    throw new Error('secret internals');
  }
}

@Module({
  imports: [RuntimeModule.forService({ name: 'network', defaultHttpPort: 0, title: 'gw', description: 'gw' })],
  controllers: [GatewayController],
})
class GatewayAppModule {}

const ERROR_SHAPE = ['error', 'message', 'statusCode'];

describe('HTTP gateway', () => {
  let svc: TestService;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeAll(async () => {
    svc = await startTestService(GatewayAppModule);
  });
  afterAll(async () => svc?.close());
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn');
    error = jest.spyOn(Logger.prototype, 'error');
  });
  afterEach(() => jest.restoreAllMocks());

  const expectShape = (body: Record<string, unknown>, status: number) => {
    expect(body.statusCode).toBe(status);
    expect(typeof body.error).toBe('string');
    expect(typeof body.message).toBe('string');
    expect(Object.keys(body).filter((k) => k !== 'fields').sort()).toEqual(ERROR_SHAPE);
  };

  describe('request ids', () => {
    it('adopts a well-formed id and echoes it', async () => {
      const res = await request(svc.url).get('/gateway/page').set('x-request-id', 'req.A-1_b:2').expect(200);
      expect(res.headers['x-request-id']).toBe('req.A-1_b:2');
    });

    it.each([
      ['too long', 'x'.repeat(6000)],
      ['129 characters', 'a'.repeat(129)],
      ['a space', 'a b'],
      ['a slash', 'a/b'],
    ])('replaces one that is %s with a fresh id', async (_what, id) => {
      const res = await request(svc.url).get('/gateway/page').set('x-request-id', id).expect(200);
      expect(res.headers['x-request-id']).not.toBe(id);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('one error body shape', () => {
    it('an invalid field: 400 naming it', async () => {
      const res = await request(svc.url).post('/gateway/echo').send({ name: 'x'.repeat(21) }).expect(400);
      expectShape(res.body, 400);
      expect(res.body.fields).toEqual([{ field: 'name', reason: expect.stringContaining('20') }]);
    });

    it.each(['__proto__', 'constructor', 'prototype'])('"%s" in a body is an unknown field: 400', async (key) => {
      const res = await request(svc.url)
        .post('/gateway/echo')
        .set('content-type', 'application/json')
        .send(`{"name":"a","${key}":{"admin":true}}`)
        .expect(400);
      expectShape(res.body, 400);
      expect(res.body.fields).toEqual([{ field: key, reason: `property ${key} should not exist` }]);
    });

    it('a nested "__proto__" is refused too', async () => {
      const res = await request(svc.url)
        .post('/gateway/echo')
        .set('content-type', 'application/json')
        .send('{"name":"a","x":{"__proto__":{"admin":true}}}')
        .expect(400);
      expect(res.body.fields).toContainEqual({ field: 'x.__proto__', reason: 'property __proto__ should not exist' });
    });

    it('malformed JSON: 400 with the body as the field, not the parser text', async () => {
      const res = await request(svc.url)
        .post('/gateway/echo')
        .set('content-type', 'application/json')
        .send('{"name": "a",')
        .expect(400);
      expectShape(res.body, 400);
      expect(res.body.fields).toEqual([{ field: 'body', reason: 'is not valid JSON' }]);
      expect(res.body.message).not.toMatch(/Unexpected|position/);
    });

    it('a text/plain body: 415', async () => {
      const res = await request(svc.url)
        .post('/gateway/echo')
        .set('content-type', 'text/plain')
        .send('name=a')
        .expect(415);
      expectShape(res.body, 415);
      expect(res.body.message).toContain('application/json');
    });

    it('a form body: 415', async () => {
      await request(svc.url).post('/gateway/echo').type('form').send({ name: 'a' }).expect(415);
    });

    it('a JSON body with a charset is accepted', async () => {
      await request(svc.url)
        .post('/gateway/echo')
        .set('content-type', 'application/json; charset=utf-8')
        .send('{"name":"a"}')
        .expect(201);
    });

    it('a query parameter given twice: 400 saying so', async () => {
      const res = await request(svc.url).get('/gateway/page?limit=1&limit=2').expect(400);
      expectShape(res.body, 400);
      expect(res.body.fields).toEqual([{ field: 'limit', reason: 'limit must be given once' }]);
    });

    it('a domain rule: 422 with the field', async () => {
      const res = await request(svc.url).post('/gateway/rule').expect(422);
      expectShape(res.body, 422);
      expect(res.body.fields).toEqual([{ field: 'status', reason: 'a terminated member cannot be moved' }]);
      expect(res.body.message).toBe('status: a terminated member cannot be moved');
    });

    it('a missing aggregate: 404', async () => {
      const res = await request(svc.url).get('/gateway/missing').expect(404);
      expectShape(res.body, 404);
      expect(res.body.fields).toBeUndefined();
    });

    it('an unknown route: 404 in the same shape', async () => {
      const res = await request(svc.url).get('/nowhere').expect(404);
      expectShape(res.body, 404);
    });

    it('no token: 401 in the same shape', async () => {
      const res = await request(svc.url).get('/ops/dead-letters').expect(401);
      expectShape(res.body, 401);
    });

    it('an unexpected error: 500 without internals, logged with its stack', async () => {
      const res = await request(svc.url).get('/gateway/boom').expect(500);
      expectShape(res.body, 500);
      expect(JSON.stringify(res.body)).not.toContain('secret internals');
      expect(error).toHaveBeenCalledWith(expect.stringContaining('/gateway/boom'), expect.stringContaining('secret internals'));
    });

    it('an event that breaks its contract: 500 for the request', async () => {
      const res = await request(svc.url).post('/gateway/bad-event').expect(500);
      expectShape(res.body, 500);
    });
  });

  describe('logs and metrics of refused requests', () => {
    it('a too large body: 413, logged at warn without a stack, counted under its route', async () => {
      const res = await request(svc.url)
        .post('/gateway/echo')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(200_000) }))
        .expect(413);
      expectShape(res.body, 413);
      expect(error).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/POST \/gateway\/echo → 413/));
      expect(warn.mock.calls.flat().join(' ')).not.toMatch(/\n\s+at /);
      const metrics = await request(svc.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/route="\/gateway\/echo",status="413"/);
    });

    it('malformed JSON is counted under its route', async () => {
      await request(svc.url).post('/gateway/echo').set('content-type', 'application/json').send('{').expect(400);
      const metrics = await request(svc.url).get('/metrics').expect(200);
      expect(metrics.text).toMatch(/route="\/gateway\/echo",status="400"/);
      expect(metrics.text).not.toMatch(/route="unmatched",status="400"/);
    });
  });
});

describe('events caused by a request', () => {
  let svc: TestService;
  const kafka = new KafkaTestClient();

  beforeAll(async () => {
    // The probe topic is test-only (no contract creates it); this file may run before the others that make it.
    await kafka.createTopic(PROBE_TOPIC.name).catch(() => undefined);
    svc = await startTestService(ProbeAppModule);
  });
  afterAll(async () => {
    await kafka.close();
    await svc?.close();
  });

  it('carry the adopted request id, never an outside id that would break the envelope', async () => {
    const captured = await kafka.capture([PROBE_TOPIC.name]);
    const probeId = uniqueId('p-').toLowerCase();
    const res = await request(svc.url)
      .post('/probes')
      .set('Authorization', `Bearer ${svc.token('ops')}`)
      .set('x-request-id', 'r'.repeat(6000))
      .send({ probeId })
      .expect(201);
    const id = res.headers['x-request-id'];
    expect(id.length).toBeLessThanOrEqual(128);
    const message = await waitFor('the probe event', () =>
      captured.find((m) => m.key === probeId),
    );
    const envelope = JSON.parse(message.value!);
    expect(envelope.correlationId).toBe(id);
    expect(envelope.causationId).toBe(id);
  });
});
