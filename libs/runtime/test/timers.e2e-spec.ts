import { MongoClient } from 'mongodb';
import request from 'supertest';
import { addDuration, CLOCK, TestClock, TimerPoller, TimerService } from '../src';
import { startTestService, TEST_MONGO_URL, TestService, uniqueId, waitFor } from '../src/testing';
import { PROBE_TIMER, ProbeTimerData, timerRuns, TimersProbeAppModule } from './probe/timers.fixture';

const runsOf = (id: string) => timerRuns.filter((r) => r.id === id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Long enough for several polls at TIMERS_POLL_MS=50 to have run. */
const SEVERAL_POLLS_MS = 600;

describe('durable timers on a test clock, against the real database', () => {
  let svc: TestService;
  let clock: TestClock;
  let timers: TimerService;

  beforeAll(async () => {
    svc = await startTestService(TimersProbeAppModule, {
      CLOCK: 'test',
      CLOCK_START: '2030-01-01T00:00:00Z',
      TIMERS_POLL_MS: '50',
      TIMERS_RETRY_BASE_MS: '1000',
      TIMERS_MAX_ATTEMPTS: '3',
    });
    clock = svc.app.get<TestClock>(CLOCK);
    timers = svc.app.get(TimerService);
  });
  afterAll(async () => svc?.close());

  const schedule = (id: string, inMs: number, data: ProbeTimerData = {}) =>
    timers.schedule({ kind: PROBE_TIMER, id, dueAt: new Date(clock.now().getTime() + inMs), data });

  it('runs a timer once when the clock reaches its due time, not before, in the context of the request that scheduled it', async () => {
    expect(clock).toBeInstanceOf(TestClock);
    const id = uniqueId('due-');
    const res = await request(svc.url)
      .post('/probe-timers')
      .set('Authorization', `Bearer ${svc.token('ops')}`)
      .set('x-request-id', `req-${id}`)
      .send({ id, in: 'PT10M' })
      .expect(201);
    expect(res.body.created).toBe(true);

    clock.advance('9m59s');
    await sleep(SEVERAL_POLLS_MS);
    expect(runsOf(id)).toHaveLength(0);
    expect((await timers.get(PROBE_TIMER, id))?.status).toBe('scheduled');

    clock.advance('1s');
    await waitFor('the timer to run', () => runsOf(id).length === 1);
    await sleep(SEVERAL_POLLS_MS);
    const [run] = runsOf(id);
    expect(runsOf(id)).toHaveLength(1);
    expect(run).toMatchObject({ attempt: 1, correlationId: `req-${id}`, causationId: run.firingId });
    expect(run.dueAt.toISOString()).toBe(res.body.dueAt);
    expect(await timers.get(PROBE_TIMER, id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('keeps one timer when the same id is scheduled twice', async () => {
    const id = uniqueId('twice-');
    expect(await schedule(id, 60_000)).toBe(true);
    expect(await schedule(id, 120_000)).toBe(false);
    clock.advance('3m');
    await waitFor('the timer to run', () => runsOf(id).length === 1);
    await sleep(SEVERAL_POLLS_MS);
    expect(runsOf(id)).toHaveLength(1);
    expect(runsOf(id)[0].dueAt.getTime()).toBe(clock.now().getTime() - 120_000);
  });

  it('does not run a cancelled timer', async () => {
    const id = uniqueId('cancel-');
    await schedule(id, 5 * 60_000);
    expect(await timers.cancel(PROBE_TIMER, id)).toBe(true);
    expect(await timers.cancel(PROBE_TIMER, id)).toBe(false);
    clock.advance('10m');
    await sleep(SEVERAL_POLLS_MS);
    expect(runsOf(id)).toHaveLength(0);
    expect((await timers.get(PROBE_TIMER, id))?.status).toBe('cancelled');
  });

  it('runs a rescheduled timer at its new time only', async () => {
    const later = uniqueId('later-');
    const sooner = uniqueId('sooner-');
    await schedule(later, 5 * 60_000);
    await schedule(sooner, 60 * 60_000);
    const start = clock.now().getTime();
    expect(await timers.reschedule(PROBE_TIMER, later, new Date(start + 20 * 60_000))).toBe(true);
    expect(await timers.reschedule(PROBE_TIMER, sooner, new Date(start + 2 * 60_000))).toBe(true);
    expect(await timers.reschedule(PROBE_TIMER, uniqueId('none-'), new Date(start))).toBe(false);

    clock.advance('10m');
    await waitFor('the brought-forward timer', () => runsOf(sooner).length === 1);
    await sleep(SEVERAL_POLLS_MS);
    expect(runsOf(later)).toHaveLength(0);

    clock.advance('10m');
    await waitFor('the postponed timer', () => runsOf(later).length === 1);
    clock.advance('1h');
    await sleep(SEVERAL_POLLS_MS);
    expect(runsOf(later)).toHaveLength(1);
    expect(runsOf(sooner)).toHaveLength(1);
  });

  it('retries a failing handler with backoff, then it succeeds', async () => {
    const id = uniqueId('flaky-');
    await schedule(id, 1000, { failTimes: 2 });
    clock.advance('1s');
    await waitFor('the first attempt', () => runsOf(id).length === 1);
    const retry = await timers.get(PROBE_TIMER, id);
    expect(retry).toMatchObject({ status: 'scheduled', attempts: 1, lastError: 'transient failure 1' });
    // Backoff: the retry is due about TIMERS_RETRY_BASE_MS later on the service's clock.
    expect(retry!.dueAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(800);
    await sleep(SEVERAL_POLLS_MS);
    expect(runsOf(id)).toHaveLength(1);
    await waitFor('two retries', () => {
      clock.advance('2s');
      return runsOf(id).length === 3;
    });
    await waitFor('the timer to be done', async () => (await timers.get(PROBE_TIMER, id))?.status === 'done');
    expect(runsOf(id).map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(new Set(runsOf(id).map((r) => r.firingId)).size).toBe(1);
  });

  it('records a timer as failed after TIMERS_MAX_ATTEMPTS, and at once on a PermanentError', async () => {
    const flaky = uniqueId('exhausted-');
    const refused = uniqueId('refused-');
    await schedule(flaky, 1000, { failTimes: 99 });
    await schedule(refused, 1000, { permanent: true });
    await waitFor(
      'the retries to run out',
      async () => {
        clock.advance('5s');
        return (await timers.get(PROBE_TIMER, flaky))?.status === 'failed';
      },
      { intervalMs: 200 },
    );
    expect(runsOf(flaky)).toHaveLength(3);
    expect(await timers.get(PROBE_TIMER, flaky)).toMatchObject({
      attempts: 3,
      lastError: 'transient failure 3',
    });
    expect(await timers.get(PROBE_TIMER, refused)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(runsOf(refused)).toHaveLength(1);
    const metrics = await request(svc.url).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/netdirect_timers_total\{[^}]*outcome="failed"[^}]*\} [1-9]/);

    // Ops can run a failed timer again by rescheduling it.
    expect(await timers.reschedule(PROBE_TIMER, refused, clock.now())).toBe(true);
    await waitFor('the re-run', () => runsOf(refused).length === 2);
  });

  it('catches up on days of timers in one jump of the clock, each once', async () => {
    const ids = ['1h', 'P1D', 'P2DT3M', 'P2DT3M', 'P3D'].map((d, i) => ({ id: uniqueId(`jump${i}-`), d }));
    const start = clock.now();
    for (const { id, d } of ids)
      await timers.schedule({ kind: PROBE_TIMER, id, dueAt: addDuration(start, d) });
    clock.advance('P3D');
    await waitFor('all five', () => ids.every(({ id }) => runsOf(id).length === 1));
    await sleep(SEVERAL_POLLS_MS);
    expect(ids.map(({ id }) => runsOf(id).length)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('durable timers across replicas and restarts (wall clock)', () => {
  const env = (db: string) => ({ MONGO_DB: db, TIMERS_POLL_MS: '50', TIMERS_LEASE_MS: '1500' });

  it('runs each due timer once when two replicas share the database', async () => {
    const db = `test_${uniqueId('timers2-')}`;
    const a = await startTestService(TimersProbeAppModule, env(db));
    const b = await startTestService(TimersProbeAppModule, env(db));
    try {
      const timers = a.app.get(TimerService);
      const ids = Array.from({ length: 30 }, (_, i) => uniqueId(`pair${i}-`));
      const dueAt = new Date(Date.now() + 300);
      await Promise.all(ids.map((id) => timers.schedule({ kind: PROBE_TIMER, id, dueAt })));
      await waitFor('all 30 timers', () => ids.every((id) => runsOf(id).length >= 1));
      await sleep(SEVERAL_POLLS_MS);
      expect(ids.map((id) => runsOf(id).length)).toEqual(ids.map(() => 1));
      expect(ids.every((id) => runsOf(id)[0].dueAt.getTime() === dueAt.getTime())).toBe(true);
      const replicas = new Set(ids.map((id) => runsOf(id)[0].replica));
      expect([...replicas].every((r) => r === a.config.kafka.clientId || r === b.config.kafka.clientId)).toBe(
        true,
      );
    } finally {
      await a.app.close();
      await b.close();
    }
  });

  it('resumes after a restart: a timer scheduled before the stop runs after the next start', async () => {
    const db = `test_${uniqueId('timers-restart-')}`;
    const first = await startTestService(TimersProbeAppModule, env(db));
    const id = uniqueId('restart-');
    await first.app.get(TimerService).schedule({ kind: PROBE_TIMER, id, dueAt: new Date(Date.now() + 1500) });
    await first.app.close();
    await sleep(2000);
    expect(runsOf(id)).toHaveLength(0);

    const second = await startTestService(TimersProbeAppModule, env(db));
    try {
      await waitFor('the timer on the restarted service', () => runsOf(id).length === 1);
      expect(runsOf(id)[0].replica).toBe(second.config.kafka.clientId);
    } finally {
      await second.close();
    }
  });

  it('runs a timer again after its lease expires when the replica running it died', async () => {
    const db = `test_${uniqueId('timers-lease-')}`;
    const svc = await startTestService(TimersProbeAppModule, env(db));
    try {
      // Stop this replica's poller, and leave a claim as a replica that died mid-run would.
      await svc.app.get(TimerPoller).stop();
      const id = uniqueId('orphan-');
      await svc.app.get(TimerService).schedule({ kind: PROBE_TIMER, id, dueAt: new Date(Date.now() - 1000) });
      const client = await MongoClient.connect(TEST_MONGO_URL);
      const leaseUntil = new Date(Date.now() + 1500);
      await client
        .db(db)
        .collection('timers')
        .updateOne({ _id: `${PROBE_TIMER}:${id}` as never }, { $set: { leaseUntil }, $inc: { attempts: 1 } });
      await client.close();
      svc.app.get(TimerPoller).start();
      await sleep(800);
      expect(runsOf(id)).toHaveLength(0);
      await waitFor('the timer after the dead replica’s lease', () => runsOf(id).length === 1);
      expect(runsOf(id)[0].attempt).toBe(2);
    } finally {
      await svc.close();
    }
  });
});
