import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Money } from './money.value';

/*
 * Composite field decorators, so every payload spells a rule (what an id, a
 * market or a quantity is) the same way. They only stack class-validator and
 * class-transformer decorators, so the JSON Schema generator sees them too.
 */

type PropertyDecoratorFn = (target: object, propertyKey: string) => void;

function compose(...decorators: PropertyDecoratorFn[]): PropertyDecoratorFn {
  return (target, propertyKey) => decorators.forEach((d) => d(target, propertyKey));
}

/**
 * A required nested object of class `type`, validated field by field.
 * (`@ValidateNested` alone lets a missing value through; `@IsObject` closes that.)
 */
export function IsNested(type: () => new () => object): PropertyDecoratorFn {
  return compose(IsObject(), ValidateNested(), Type(type));
}

/** A required {@link Money} field. */
export function IsMoney(): PropertyDecoratorFn {
  return IsNested(() => Money);
}

/**
 * A required array of objects of class `type`, each validated. `min` defaults
 * to 1 (an order without lines is not an order); `max` bounds message size.
 */
export function IsNestedArray(
  type: () => new () => object,
  { min = 1, max = 1000 }: { min?: number; max?: number } = {},
): PropertyDecoratorFn {
  return compose(IsArray(), ArrayMinSize(min), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));
}

/** A required identifier: a non-empty string of at most 128 characters. */
export function IsId(): PropertyDecoratorFn {
  return compose(IsString(), IsNotEmpty(), MaxLength(128));
}

/** A required instant or date as a strict ISO-8601 string, e.g. `2025-03-01T09:30:00.000Z`. */
export function IsInstant(): PropertyDecoratorFn {
  return compose(IsISO8601({ strict: true }));
}

/** A market: ISO 3166-1 alpha-2 country code, upper case, e.g. `DE`. */
export function IsMarket(): PropertyDecoratorFn {
  return compose(Matches(/^[A-Z]{2}$/));
}

/** An ISO 4217 currency code, upper case, e.g. `EUR`. */
export function IsCurrencyCode(): PropertyDecoratorFn {
  return compose(Matches(/^[A-Z]{3}$/), IsISO4217CurrencyCode());
}

/** A whole number of units from `min` (default 1) up to one million. */
export function IsQuantity(min = 1): PropertyDecoratorFn {
  return compose(IsInt(), Min(min), Max(1_000_000));
}

/** A non-negative integer count or amount of points (BV, days, grams), within the safe integer range. */
export function IsCount(): PropertyDecoratorFn {
  return compose(IsInt(), Min(0), Max(Number.MAX_SAFE_INTEGER));
}

/** A required free-text field of at most `max` characters. */
export function IsText(max = 500): PropertyDecoratorFn {
  return compose(IsString(), IsNotEmpty(), MaxLength(max));
}

/** Optional search words of a product: at most 50, each a string of at most 50 characters. */
export function IsTagList(): PropertyDecoratorFn {
  return compose(IsOptional(), IsArray(), ArrayMaxSize(50), IsString({ each: true }), MaxLength(50, { each: true }));
}

/** Optional image URLs (http or https, printable ASCII, at most 2,000 characters), at most 20. */
export function IsImageUrlList(): PropertyDecoratorFn {
  return compose(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    MaxLength(2000, { each: true }),
    Matches(/^https?:\/\/[!-~]+$/, { each: true }),
  );
}
