import { fingerprintsOf, normaliseEmail, normalisePhone, sharedSignals } from './fingerprints';

describe('registrant fingerprints', () => {
  it('normalises emails that reach the same inbox', () => {
    expect(normaliseEmail(' Anna.Schmidt+shop@GoogleMail.com ')).toBe('annaschmidt@gmail.com');
    expect(normaliseEmail('a.b+x@example.org')).toBe('a.b@example.org');
  });

  it('normalises phone numbers written with 00 or + and separators', () => {
    expect(normalisePhone('0049 (30) 123-456')).toBe('+4930123456');
    expect(normalisePhone('+49 30 123456')).toBe('+4930123456');
  });

  it('finds the signals a registrant shares with the sponsor, and only those', () => {
    const sponsor = fingerprintsOf({
      email: 'boss@example.org',
      phone: '+49 30 1',
      paymentFingerprint: 'card-1',
    });
    const same = fingerprintsOf({
      email: 'BOSS+2@example.org',
      phone: '0049301',
      paymentFingerprint: 'card-1',
    });
    const other = fingerprintsOf({ email: 'someone@example.org' });
    expect(sharedSignals(same, sponsor)).toEqual(['email', 'phone', 'payment']);
    expect(sharedSignals(other, sponsor)).toEqual([]);
    expect(
      sharedSignals(fingerprintsOf({ email: 'x@example.org', paymentFingerprint: 'card-1' }), sponsor),
    ).toEqual(['payment']);
  });

  it('stores hashes, never the values', () => {
    const f = fingerprintsOf({ email: 'boss@example.org', phone: '+4930', paymentFingerprint: 'card-1' });
    expect(JSON.stringify(f)).not.toMatch(/boss|4930|card/);
  });
});
