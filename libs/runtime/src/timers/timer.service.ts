import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ClsService } from 'nestjs-cls';
import { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { CLOCK, Clock } from '../clock/clock';
import { isDuplicateKeyError } from '../consumer/errors';
import { CORRELATION_ID } from '../logging/correlation';
import { TimerHandler } from './on-timer.decorator';
import {
  minuteKey,
  TIMER_CURSOR_MODEL,
  TIMER_MODEL,
  TIMER_SLOT_MODEL,
  TimerCursorDoc,
  TimerDoc,
  TimerSlotDoc,
  TimerStatus,
} from './timer.schema';

const KIND = /^[a-z][a-z0-9-]{0,63}$/;

/** A timer to schedule. */
export interface ScheduleTimer<T = unknown> {
  /** The handler's kind (`@OnTimer(kind)`): lowercase letters, digits and `-`. */
  kind: string;
  /** Unique within the kind, usually the aggregate's id (`orderId`), or `orderId:attempt` when one aggregate needs several. */
  id: string;
  dueAt: Date;
  /** Small JSON the handler receives. */
  data?: T;
}

/** A timer as stored. */
export interface TimerView<T = unknown> {
  kind: string;
  id: string;
  data: T;
  dueAt: Date;
  status: TimerStatus;
  attempts: number;
  lastError?: string;
  firedAt?: Date;
  failedAt?: Date;
}

/**
 * Durable timers: "call this handler at that time", kept in the service's
 * database, run once (on one replica, at least once across crashes) when the
 * service's {@link Clock} reaches the due time, resumed after restarts,
 * retried with backoff when the handler fails. Import `TimersModule` and:
 *
 * ```ts
 * await timers.schedule({ kind: 'payment-deadline', id: order.id, dueAt: addDuration(clock.now(), settings.PAYMENT_DEADLINE) });
 * await timers.reschedule('payment-deadline', order.id, later);   // move it
 * await timers.cancel('payment-deadline', order.id);              // paid in time
 * ```
 *
 * Scheduling is idempotent: the same kind and id again is the same timer
 * (returns `false`, changes nothing). Scheduling is a write of its own, not
 * part of the aggregate's write, so schedule from a consumer of the event
 * that calls for the timer (`OrderPlaced` → payment deadline): the consumer
 * runs again after a crash, and scheduling again is harmless.
 */
@Injectable()
export class TimerService {
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly dueListeners = new Set<() => void>();

  constructor(
    @InjectModel(TIMER_MODEL) private readonly timers: Model<TimerDoc>,
    @InjectModel(TIMER_SLOT_MODEL) private readonly slots: Model<TimerSlotDoc>,
    @InjectModel(TIMER_CURSOR_MODEL) private readonly cursors: Model<TimerCursorDoc>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cls: ClsService,
  ) {}

  /**
   * Handle a kind of timer with a function (instead of `@OnTimer`). One
   * handler per kind; a replica without a handler for a kind leaves its
   * timers to replicas that have one.
   */
  register<T>(kind: string, handler: TimerHandler<T>): void {
    if (!KIND.test(kind)) throw new Error(`timer kind "${kind}" must match ${KIND}`);
    if (this.handlers.has(kind)) throw new Error(`timer kind "${kind}" has two handlers`);
    this.handlers.set(kind, handler as TimerHandler);
  }

  handlerFor(kind: string): TimerHandler | undefined {
    return this.handlers.get(kind);
  }

  /** Schedule a timer; `false` if a timer of this kind and id exists already (in any state). */
  async schedule<T>(timer: ScheduleTimer<T>): Promise<boolean> {
    const _id = timerKey(timer.kind, timer.id);
    if (Number.isNaN(timer.dueAt?.getTime())) throw new Error(`timer ${_id}: dueAt is not a date`);
    if (await this.timers.collection.findOne({ _id: _id as never }, { projection: { _id: 1 } })) return false;
    // Listed in its slot before it exists: a crash in between leaves a stale entry, never an unlisted timer.
    await this.enlist(_id, timer.dueAt);
    try {
      await this.timers.collection.insertOne({
        _id,
        kind: timer.kind,
        timerId: timer.id,
        data: timer.data ?? null,
        dueAt: timer.dueAt,
        status: 'scheduled',
        seq: 1,
        attempts: 0,
        leaseUntil: null,
        correlationId: this.correlationId(),
        scheduledAt: this.clock.now(),
      } as never);
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
    this.wakeIfDue(timer.dueAt);
    return true;
  }

  /**
   * Move a timer to another due time, whatever its state: a scheduled timer
   * moves, a done, failed or cancelled one is scheduled again (so ops can
   * re-run a failed timer), with its attempts reset. A run in progress
   * finishes but does not count. `false` if there is no such timer.
   */
  async reschedule(kind: string, id: string, dueAt: Date): Promise<boolean> {
    const _id = timerKey(kind, id);
    if (!(await this.timers.collection.findOne({ _id: _id as never }, { projection: { _id: 1 } })))
      return false;
    await this.enlist(_id, dueAt);
    const done = await this.timers.collection.updateOne(
      { _id: _id as never },
      {
        $set: { dueAt, status: 'scheduled', attempts: 0 },
        $inc: { seq: 1 },
        $unset: { lastError: 1, failedAt: 1, cancelledAt: 1 },
      },
    );
    this.wakeIfDue(dueAt);
    return done.matchedCount === 1;
  }

  /** Cancel a scheduled timer; `false` if there is none (unknown, or already done, failed or cancelled). */
  async cancel(kind: string, id: string): Promise<boolean> {
    const done = await this.timers.collection.updateOne(
      { _id: timerKey(kind, id) as never, status: 'scheduled' },
      { $set: { status: 'cancelled', cancelledAt: this.clock.now() }, $inc: { seq: 1 } },
    );
    return done.matchedCount === 1;
  }

  async get<T = unknown>(kind: string, id: string): Promise<TimerView<T> | null> {
    const doc = await this.timers.collection.findOne({ _id: timerKey(kind, id) as never });
    if (!doc) return null;
    const t = doc as unknown as TimerDoc;
    return {
      kind: t.kind,
      id: t.timerId,
      data: t.data as T,
      dueAt: t.dueAt,
      status: t.status,
      attempts: t.attempts,
      ...(t.lastError ? { lastError: t.lastError } : {}),
      ...(t.firedAt ? { firedAt: t.firedAt } : {}),
      ...(t.failedAt ? { failedAt: t.failedAt } : {}),
    };
  }

  /** @internal Add a timer to the slot of its due minute, then make sure the cursor is not past that minute. */
  async enlist(key: string, dueAt: Date): Promise<string> {
    const minute = minuteKey(dueAt);
    await retryOnDuplicate(() =>
      this.slots.collection.updateOne(
        { _id: minute as never },
        { $addToSet: { timers: key }, $inc: { v: 1 }, $set: { touchedAt: new Date() } },
        { upsert: true },
      ),
    );
    await retryOnDuplicate(() =>
      this.cursors.collection.updateOne({ _id: 'cursor' as never }, { $min: { minute } }, { upsert: true }),
    );
    return minute;
  }

  /** @internal The poller is told when a timer may be due before its next poll. */
  onDue(listener: () => void): () => void {
    this.dueListeners.add(listener);
    return () => this.dueListeners.delete(listener);
  }

  private wakeIfDue(dueAt: Date): void {
    if (dueAt.getTime() <= this.clock.now().getTime()) for (const l of this.dueListeners) l();
  }

  private correlationId(): string {
    return (this.cls.isActive() && this.cls.get<string>(CORRELATION_ID)) || randomUUID();
  }
}

/** The `_id` of a timer: `<kind>:<id>`. */
export function timerKey(kind: string, id: string): string {
  if (!KIND.test(kind)) throw new Error(`timer kind "${kind}" must match ${KIND}`);
  if (typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw new Error('timer id must be 1-200 characters');
  return `${kind}:${id}`;
}

/** Two concurrent upserts of one `_id` can both insert; the loser's duplicate-key error means "it exists now": do it again. */
async function retryOnDuplicate<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    return write();
  }
}
