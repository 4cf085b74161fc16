import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = box.seal('whsec_c2VjcmV0', 'acme:s1');
    expect(JSON.stringify(sealed)).not.toContain('c2VjcmV0');
    expect(box.open(sealed, 'acme:s1')).toBe('whsec_c2VjcmV0');
  });

  it('refuses another binding, another key and altered bytes', () => {
    const sealed = box.seal('whsec_c2VjcmV0', 'acme:s1');
    expect(() => box.open(sealed, 'other:s1')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'acme:s1')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped.toString('base64') }, 'acme:s1')).toThrow();
  });
});
