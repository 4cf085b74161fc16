import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectModel } from '@nestjs/mongoose';
import { ClsService } from 'nestjs-cls';
import { Model } from 'mongoose';
import { Counter, Histogram } from 'prom-client';
import { CLOCK, Clock } from '../clock/clock';
import { isTestClock } from '../clock/test-clock';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';
import { isPermanent, retryDelayMs } from '../consumer/errors';
import { CAUSATION_ID, CORRELATION_ID } from '../logging/correlation';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { derivedId } from '../outbox/derived-id';
import { TIMER_HANDLER, TimerHandler } from './on-timer.decorator';
import {
  minuteKey,
  nextMinuteKey,
  SLOT_QUIET_MS,
  TIMER_CURSOR_MODEL,
  TIMER_MODEL,
  TIMER_SLOT_MODEL,
  TimerCursorDoc,
  TimerDoc,
  TimerSlotDoc,
} from './timer.schema';
import { TimerService } from './timer.service';

/** Minute slots read per query (by `_id`). */
const SLOT_BATCH = 240;
/** A cursor this far behind the clock is worth a warning: each pass walks every minute from it. */
const CURSOR_LAG_WARN_MS = 3_600_000;
const TIMER_BATCH = 500;
/** Timers of one slot run at once. */
const CONCURRENCY = 4;

type Outcome = 'settled' | 'kept';

/**
 * Runs due timers. Every TIMERS_POLL_MS (and at once when a TestClock moves
 * or a timer is scheduled already due) one pass:
 *
 * 1. Reads the cursor (the earliest minute that may hold a due timer) and the
 *    slots of the minutes from there to now, by `_id`: nothing is scanned.
 * 2. For each listed timer that is due, claims it by compare-and-set (status
 *    `scheduled`, its `seq`, no live lease) taking a lease of TIMERS_LEASE_MS
 *    (wall time) and counting the attempt; runs its handler in a CLS context;
 *    marks it done by compare-and-set on lease and `seq`.
 * 3. A failed run is moved to `now + backoff` (its new slot first) until
 *    TIMERS_MAX_ATTEMPTS, then recorded as failed, logged and counted
 *    (`netdirect_timers_total{outcome="failed"}`); a `PermanentError` fails it at once.
 * 4. Removes settled and stale entries from the slot, deletes an empty slot,
 *    and moves the cursor past the drained minutes by compare-and-set.
 *
 * Replicas share the work through the claims; a replica that dies mid-run
 * leaves a lease that expires, and the timer runs again elsewhere (at least
 * once: handlers are idempotent). The cursor stops at a minute whose timers
 * are not all settled, so after a restart the first pass picks up every
 * minute it missed.
 */
@Injectable()
export class TimerPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Timers');
  private readonly fired: Counter<'kind' | 'outcome'>;
  private readonly lateness: Histogram<'kind'>;
  private readonly unhandledWarned = new Set<string>();
  private running = false;
  private interval?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private again = false;
  private unsubscribe: (() => void)[] = [];

  constructor(
    private readonly timersService: TimerService,
    @InjectModel(TIMER_MODEL) private readonly timers: Model<TimerDoc>,
    @InjectModel(TIMER_SLOT_MODEL) private readonly slots: Model<TimerSlotDoc>,
    @InjectModel(TIMER_CURSOR_MODEL) private readonly cursors: Model<TimerCursorDoc>,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly cls: ClsService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    metrics: RuntimeMetrics,
  ) {
    this.fired = new Counter({
      name: 'netdirect_timers_total',
      help: 'Timer runs by kind and outcome: done, retried, failed.',
      labelNames: ['kind', 'outcome'] as const,
      registers: [metrics.registry],
    });
    this.lateness = new Histogram({
      name: 'netdirect_timer_lateness_seconds',
      help: 'Service-clock time from a timer being due to its handler starting.',
      labelNames: ['kind'] as const,
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.registerDecoratedHandlers();
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.interval = setInterval(() => this.trigger(), this.config.timers.pollMs);
    this.unsubscribe.push(this.timersService.onDue(() => this.trigger()));
    if (isTestClock(this.clock)) this.unsubscribe.push(this.clock.onChange(() => this.trigger()));
    this.trigger();
  }

  /** Stop polling and wait for the runs in progress (their timers are then done, retried or, after a crash, re-run elsewhere). */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.interval);
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    await this.pass;
  }

  /** Run a pass now and wait for it (tests, and a shutdown that wants due timers run first). */
  async runDue(): Promise<void> {
    await this.pass;
    await this.runPass();
  }

  private trigger(): void {
    if (!this.running) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    this.pass = this.runPass()
      .catch((e) => this.logger.warn(`timer pass failed, will retry: ${(e as Error).message}`))
      .finally(() => {
        this.pass = undefined;
        if (this.again) {
          this.again = false;
          this.trigger();
        }
      });
  }

  private registerDecoratedHandlers(): void {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const proto = Object.getPrototypeOf(instance);
      if (!proto) continue;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const method = instance[name];
        if (typeof method !== 'function') continue;
        const kind = this.reflector.get<string | undefined>(TIMER_HANDLER, method);
        if (kind) this.timersService.register(kind, (method as TimerHandler).bind(instance));
      }
    }
  }

  private async runPass(): Promise<void> {
    const now = this.clock.now();
    const nowKey = minuteKey(now);
    const cursor = await this.cursors.collection.findOneAndUpdate(
      { _id: 'cursor' as never },
      { $setOnInsert: { minute: nowKey } },
      { upsert: true, returnDocument: 'after' },
    );
    const from = (cursor as unknown as TimerCursorDoc | null)?.minute ?? nowKey;
    let key = from;
    let stopAt: string | undefined;
    while (key <= nowKey) {
      const keys: string[] = [];
      for (; key <= nowKey && keys.length < SLOT_BATCH; key = nextMinuteKey(key)) keys.push(key);
      const found = (await this.slots.collection
        .find({ _id: { $in: keys } as never })
        .toArray()) as unknown as TimerSlotDoc[];
      const byKey = new Map(found.map((s) => [s._id, s]));
      for (const k of keys) {
        const slot = byKey.get(k);
        if (!slot) continue;
        const drained = await this.drain(slot, now);
        if (!drained && stopAt === undefined) stopAt = k;
      }
    }
    // The cursor never passes the current minute: timers due later in it may still be added.
    const target = stopAt ?? nowKey;
    if (target > from) await this.advanceCursor(from, target);
    this.warnIfStuck(target, now);
  }

  private stuckWarnedAt = 0;

  /** A timer that stays due (no replica has its handler, say) holds the cursor, and every pass walks from there. */
  private warnIfStuck(cursor: string, now: Date): void {
    const lag = now.getTime() - new Date(`${cursor}:00.000Z`).getTime();
    if (lag < CURSOR_LAG_WARN_MS || Date.now() - this.stuckWarnedAt < CURSOR_LAG_WARN_MS) return;
    this.stuckWarnedAt = Date.now();
    this.logger.warn(
      `the timer cursor is ${Math.round(lag / 60_000)} minutes behind (at ${cursor}): a due timer there cannot run`,
    );
  }

  /**
   * Move the cursor from `from` to `target` (compare-and-set), then look again
   * at the minutes passed over: a timer scheduled into one of them during this
   * pass, with its `$min` on the cursor before our move, would be behind the
   * cursor now; its slot is visible to this second read (it was written before
   * that `$min`), and the cursor goes back to it. A slot written after the
   * second read comes with a `$min` after our move, which moves it back itself.
   */
  private async advanceCursor(from: string, target: string): Promise<void> {
    const moved = await this.cursors.collection.updateOne(
      { _id: 'cursor' as never, minute: from },
      { $set: { minute: target } },
    );
    if (moved.modifiedCount !== 1) return;
    for (let key = from; key < target; ) {
      const keys: string[] = [];
      for (; key < target && keys.length < SLOT_BATCH; key = nextMinuteKey(key)) keys.push(key);
      const found = await this.slots.collection
        .find({ _id: { $in: keys } as never }, { projection: { _id: 1 } })
        .toArray();
      if (found.length) {
        const earliest = found.map((s) => String(s._id)).sort()[0];
        await this.cursors.collection.updateOne({ _id: 'cursor' as never }, { $min: { minute: earliest } });
        return;
      }
    }
  }

  /**
   * Run the slot's due timers; `true` if the slot is now deleted: none of its
   * ids is a scheduled timer due in its minute any more, and nothing was added
   * to it in the last {@link SLOT_QUIET_MS}.
   */
  private async drain(slot: TimerSlotDoc, now: Date): Promise<boolean> {
    const readAt = Date.now();
    let open = 0;
    const candidates: TimerDoc[] = [];
    for (let i = 0; i < slot.timers.length; i += TIMER_BATCH) {
      const ids = slot.timers.slice(i, i + TIMER_BATCH);
      const docs = (await this.timers.collection
        .find({ _id: { $in: ids } as never })
        .toArray()) as unknown as TimerDoc[];
      const byId = new Map(docs.map((d) => [d._id, d]));
      for (const id of ids) {
        const doc = byId.get(id);
        if (!doc || doc.status !== 'scheduled' || minuteKey(doc.dueAt) !== slot._id) continue;
        open++;
        if (doc.dueAt.getTime() > now.getTime()) continue;
        if (doc.leaseUntil && doc.leaseUntil.getTime() > Date.now()) continue;
        if (!this.timersService.handlerFor(doc.kind)) {
          if (!this.unhandledWarned.has(doc.kind)) {
            this.unhandledWarned.add(doc.kind);
            this.logger.warn(`timers of kind "${doc.kind}" are due but this replica has no handler for them`);
          }
          continue;
        }
        candidates.push(doc);
      }
    }
    for (let i = 0; i < candidates.length && this.running; i += CONCURRENCY) {
      const outcomes = await Promise.all(
        candidates.slice(i, i + CONCURRENCY).map((doc) => this.fire(doc, slot._id, now)),
      );
      open -= outcomes.filter((o) => o === 'settled').length;
    }
    if (open > 0 || readAt - new Date(slot.touchedAt ?? 0).getTime() < SLOT_QUIET_MS) return false;
    const gone = await this.slots.collection.deleteOne({ _id: slot._id as never, v: slot.v });
    return gone.deletedCount === 1;
  }

  private async fire(seen: TimerDoc, slot: string, now: Date): Promise<Outcome> {
    const wallNow = Date.now();
    const leaseUntil = new Date(wallNow + this.config.timers.leaseMs);
    const claimed = (await this.timers.collection.findOneAndUpdate(
      {
        _id: seen._id as never,
        status: 'scheduled',
        seq: seen.seq,
        dueAt: { $lte: now },
        $or: [{ leaseUntil: null }, { leaseUntil: { $lte: new Date(wallNow) } }],
      },
      { $set: { leaseUntil }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    )) as unknown as TimerDoc | null;
    if (!claimed) return 'kept';
    const handler = this.timersService.handlerFor(claimed.kind);
    if (!handler) {
      await this.release({ _id: claimed._id as never, leaseUntil });
      return 'kept';
    }
    const firingId = derivedId('timer', claimed._id, String(claimed.seq));
    this.lateness.observe(
      { kind: claimed.kind },
      Math.max(0, (now.getTime() - claimed.dueAt.getTime()) / 1000),
    );
    const mine = { _id: claimed._id as never, seq: claimed.seq, leaseUntil };
    try {
      await this.cls.run(async () => {
        this.cls.set(CORRELATION_ID, claimed.correlationId || firingId);
        this.cls.set(CAUSATION_ID, firingId);
        await handler({
          kind: claimed.kind,
          id: claimed.timerId,
          data: claimed.data,
          dueAt: claimed.dueAt,
          attempt: claimed.attempts,
          firingId,
        });
      });
    } catch (e) {
      return this.failed(claimed, mine, slot, e as Error);
    }
    const done = await this.timers.collection.updateOne(mine, {
      $set: { status: 'done', firedAt: this.clock.now(), leaseUntil: null },
      $unset: { lastError: 1 },
    });
    this.fired.inc({ kind: claimed.kind, outcome: 'done' });
    if (done.matchedCount === 1) return 'settled';
    // Rescheduled or cancelled while running (or the lease was lost): give the lease back, the next pass decides.
    await this.release(mine);
    return 'kept';
  }

  private async failed(
    claimed: TimerDoc,
    mine: { _id: never; seq: number; leaseUntil: Date },
    slot: string,
    error: Error,
  ): Promise<Outcome> {
    const reason = error?.message ?? String(error);
    const name = `${claimed.kind}:${claimed.timerId}`;
    if (isPermanent(error) || claimed.attempts >= this.config.timers.maxAttempts) {
      const failed = await this.timers.collection.updateOne(mine, {
        $set: { status: 'failed', failedAt: this.clock.now(), lastError: reason, leaseUntil: null },
      });
      this.fired.inc({ kind: claimed.kind, outcome: 'failed' });
      this.logger.error(`timer ${name} failed for good after ${claimed.attempts} attempt(s): ${reason}`);
      if (failed.matchedCount === 1) return 'settled';
      await this.release(mine);
      return 'kept';
    }
    const delay = retryDelayMs(
      claimed.attempts,
      this.config.timers.retryBaseMs,
      this.config.timers.retryMaxMs,
    );
    const dueAt = new Date(this.clock.now().getTime() + delay);
    const nextSlot = await this.timersService.enlist(claimed._id, dueAt);
    const moved = await this.timers.collection.updateOne(mine, {
      $set: { dueAt, leaseUntil: null, lastError: reason },
    });
    this.fired.inc({ kind: claimed.kind, outcome: 'retried' });
    this.logger.warn(`timer ${name} attempt ${claimed.attempts} failed, retrying in ${delay} ms: ${reason}`);
    if (moved.matchedCount !== 1) {
      await this.release(mine);
      return 'kept';
    }
    return nextSlot === slot ? 'kept' : 'settled';
  }

  private async release(mine: { _id: never; leaseUntil: Date }): Promise<void> {
    await this.timers.collection.updateOne(
      { _id: mine._id, leaseUntil: mine.leaseUntil },
      { $set: { leaseUntil: null } },
    );
  }
}
