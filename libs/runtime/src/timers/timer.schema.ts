import { Schema } from 'mongoose';

/** What a timer is doing. Only `scheduled` timers fire; the others are kept so that an id is never reused by mistake. */
export type TimerStatus = 'scheduled' | 'done' | 'failed' | 'cancelled';

/**
 * One durable timer, in `timers`, keyed by `<kind>:<id>` so scheduling the
 * same timer twice is one insert and one duplicate-key refusal.
 */
export interface TimerDoc {
  _id: string;
  kind: string;
  timerId: string;
  data: unknown;
  dueAt: Date;
  status: TimerStatus;
  /** Changed by every schedule, reschedule and cancel: a run finishing after one of them does not mark the timer done. */
  seq: number;
  /** Runs started (crashed ones included), since the last reschedule. */
  attempts: number;
  /** Until when (wall time) a replica owns the run in progress. */
  leaseUntil: Date | null;
  correlationId: string;
  scheduledAt: Date;
  firedAt?: Date;
  failedAt?: Date;
  cancelledAt?: Date;
  lastError?: string;
}

/**
 * The index the poller reads instead of scanning `timers`: one document per
 * due minute (`_id` `YYYY-MM-DDTHH:MM`, UTC) listing the timers due in it, in
 * `timer_slots`. A timer is added to its minute's slot before its `dueAt` (or
 * its existence, or its status) is written, so a slot may list ids that are
 * not, or not yet, due in its minute. The poller deletes a slot once none of
 * its ids is a scheduled timer due in its minute, by compare-and-set on `v`,
 * and only when nothing was added to it for a while ({@link SLOT_QUIET_MS}):
 * by then the write that followed each addition has landed.
 */
export interface TimerSlotDoc {
  _id: string;
  timers: string[];
  /** Bumped by every addition: the deletion's compare-and-set token. */
  v: number;
  /** Wall time of the last addition. */
  touchedAt: Date;
}

/** How long after the last addition a slot may be deleted; far longer than the gap between a slot write and the timer write after it. */
export const SLOT_QUIET_MS = 30_000;

/**
 * `timer_cursor`, one document (`_id` `'cursor'`): the earliest minute that
 * may still hold a due timer. The poller moves it forward past drained
 * minutes by compare-and-set; scheduling into an earlier minute moves it back
 * (`$min`) after adding to the slot.
 */
export interface TimerCursorDoc {
  _id: 'cursor';
  minute: string;
}

export const TIMER_COLLECTIONS = { timers: 'timers', slots: 'timer_slots', cursor: 'timer_cursor' } as const;

export const TimerSchema = new Schema<TimerDoc>(
  {
    _id: { type: String },
    kind: { type: String, required: true },
    timerId: { type: String, required: true },
    data: { type: Schema.Types.Mixed },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true },
    seq: { type: Number, required: true },
    attempts: { type: Number, required: true },
    leaseUntil: { type: Date, default: null },
    correlationId: { type: String },
    scheduledAt: { type: Date },
    firedAt: { type: Date },
    failedAt: { type: Date },
    cancelledAt: { type: Date },
    lastError: { type: String },
  },
  { collection: TIMER_COLLECTIONS.timers, versionKey: false },
);

export const TimerSlotSchema = new Schema<TimerSlotDoc>(
  {
    _id: { type: String },
    timers: { type: [String], default: [] },
    v: { type: Number },
    touchedAt: { type: Date },
  },
  { collection: TIMER_COLLECTIONS.slots, versionKey: false },
);

export const TimerCursorSchema = new Schema<TimerCursorDoc>(
  { _id: { type: String }, minute: { type: String, required: true } },
  { collection: TIMER_COLLECTIONS.cursor, versionKey: false },
);

export const TIMER_MODEL = 'RuntimeTimer';
export const TIMER_SLOT_MODEL = 'RuntimeTimerSlot';
export const TIMER_CURSOR_MODEL = 'RuntimeTimerCursor';

const MINUTE_MS = 60_000;

/** The slot key of an instant: its UTC minute, `YYYY-MM-DDTHH:MM` (sorts like time). */
export function minuteKey(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString().slice(0, 16);
}

/** The slot key of the minute after `key`. */
export function nextMinuteKey(key: string): string {
  return minuteKey(new Date(`${key}:00.000Z`).getTime() + MINUTE_MS);
}
