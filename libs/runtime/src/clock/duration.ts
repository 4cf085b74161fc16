import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments } from 'class-validator';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const SHORT = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const SHORT_PART = /(\d+)(ms|s|m|h|d|w)/g;
// Weeks alone, or days and a time part; years and months are refused: their length varies.
const ISO = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?)$/;

/** What {@link parseDuration} accepts, for error messages. */
export const DURATION_FORMATS =
  'an ISO-8601 duration (P3D, PT30M, P1DT12H, P2W) or <n><unit> (1500ms, 30s, 30m, 12h, 3d, 2w, 1h30m)';

/**
 * A duration in milliseconds from text, so that time spans are settings a
 * demo can shorten (a three-day payment deadline becomes three minutes):
 * an ISO-8601 duration without years or months (`P3D`, `PT30M`, `P1DT12H`,
 * `P2W`, `PT1.5S`) or `<n><unit>` pieces (`1500ms`, `30s`, `30m`, `12h`, `3d`,
 * `2w`, `1h30m`). Throws on anything else, zero included.
 */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) throw new Error(`"${text}" is not a duration: use ${DURATION_FORMATS}`);
  return ms;
}

/** {@link parseDuration}, or `undefined` instead of an error. */
export function tryParseDuration(text: string): number | undefined {
  const t = text.trim();
  let ms: number | undefined;
  if (SHORT.test(t)) {
    ms = 0;
    for (const [, n, unit] of t.matchAll(SHORT_PART)) ms += Number(n) * UNIT_MS[unit];
  } else {
    const m = ISO.exec(t);
    if (m && t !== 'P' && !t.endsWith('T')) {
      const [, w, d, h, min, s] = m;
      ms =
        Number(w ?? 0) * UNIT_MS.w +
        Number(d ?? 0) * UNIT_MS.d +
        Number(h ?? 0) * UNIT_MS.h +
        Number(min ?? 0) * UNIT_MS.m +
        Math.round(Number(s ?? 0) * 1000);
    }
  }
  return ms !== undefined && ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** The instant a duration after another: `addDuration(clock.now(), '30m')`. */
export function addDuration(from: Date, duration: number | string): Date {
  return new Date(from.getTime() + (typeof duration === 'number' ? duration : parseDuration(duration)));
}

/**
 * Declare a duration setting in a service's settings class: the environment
 * gives text ({@link parseDuration}), the property holds milliseconds, and a
 * bad value stops the service at boot naming the variable.
 *
 * ```ts
 * class OrdersSettings {
 *   /** How long a placed order waits for its payment. *\/
 *   @DurationSetting({ min: '1m' })
 *   PAYMENT_DEADLINE = parseDuration('3d');
 * }
 * // PAYMENT_DEADLINE=5m npm start   → settings.PAYMENT_DEADLINE === 300000
 * ```
 */
export function DurationSetting(
  options: { min?: number | string; max?: number | string } = {},
): PropertyDecorator {
  const min = options.min === undefined ? 1 : toMs(options.min);
  const max = options.max === undefined ? Number.MAX_SAFE_INTEGER : toMs(options.max);
  const transform = Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    return tryParseDuration(value) ?? value;
  });
  const validate = ValidateBy({
    name: 'isDurationSetting',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value === 'number'
          ? `${args.property} must be between ${min} ms and ${max} ms`
          : `${args?.property} must be ${DURATION_FORMATS}`,
    },
  });
  return (target, key) => {
    transform(target, key);
    validate(target, key as string);
  };
}

function toMs(value: number | string): number {
  return typeof value === 'number' ? value : parseDuration(value);
}
