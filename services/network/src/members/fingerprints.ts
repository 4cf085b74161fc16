import { createHash } from 'node:crypto';

/** What a registrant can share with their sponsor. */
export type FraudSignal = 'email' | 'phone' | 'payment';

/** Hashes (SHA-256 of the normalised value) used to compare registrants with their sponsor. */
export interface Fingerprints {
  email?: string;
  phone?: string;
  payment?: string;
}

/** What a registrant brings that can be compared with their sponsor's. */
export interface IdentityInput {
  email: string;
  phone?: string;
  paymentFingerprint?: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Emails compare case-insensitively, without `+tags` and, for Gmail, without
 * dots, since those all reach the same inbox.
 */
export function normaliseEmail(email: string): string {
  const [local, domain = ''] = email.trim().toLowerCase().split('@');
  let name = local.split('+')[0];
  const host = domain === 'googlemail.com' ? 'gmail.com' : domain;
  if (host === 'gmail.com') name = name.replace(/\./g, '');
  return `${name}@${host}`;
}

/** Digits only, keeping a leading `+`; `0049 30…` and `+49 30…` compare equal. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return digits;
}

/** Only hashes are stored: the network needs to compare, not to contact. */
export function fingerprintsOf(input: IdentityInput): Fingerprints {
  return {
    email: sha256(`email:${normaliseEmail(input.email)}`),
    ...(input.phone ? { phone: sha256(`phone:${normalisePhone(input.phone)}`) } : {}),
    ...(input.paymentFingerprint ? { payment: sha256(`payment:${input.paymentFingerprint.trim()}`) } : {}),
  };
}

/** The signals on which a registrant matches their sponsor. */
export function sharedSignals(registrant: Fingerprints, sponsor: Fingerprints): FraudSignal[] {
  return (['email', 'phone', 'payment'] as const).filter(
    (k) => registrant[k] !== undefined && registrant[k] === sponsor[k],
  );
}
