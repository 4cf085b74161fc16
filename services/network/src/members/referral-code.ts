import { randomInt } from 'node:crypto';

/** Crockford-style alphabet: no I, L, O or U, so codes read aloud and typed by hand survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short, unguessable referral code: 8 characters from a CSPRNG (40 bits). */
export function newReferralCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Codes are case-insensitive: stored and looked up in upper case. */
export function normaliseReferralCode(code: string): string {
  return code.trim().toUpperCase();
}
