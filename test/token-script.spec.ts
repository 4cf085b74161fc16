/** `npm run token`: what a developer sees when a variable is wrong. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const script = path.resolve(__dirname, '..', 'scripts', 'token.mjs');
const token = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60000 });

describe('npm run token', () => {
  it.each(['abc', '-5', '0', '1.5', '99999999999'])('TOKEN_TTL_SECONDS=%s: one line naming the variable, exit 2', (ttl) => {
    const res = token({ TOKEN_TTL_SECONDS: ttl }, 'ops');
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^TOKEN_TTL_SECONDS=".*": must be a whole number of seconds/)]);
  });

  it('a valid TTL gives a token that expires then', () => {
    const res = token({ TOKEN_TTL_SECONDS: '60' }, 'ops', 'ops-alice');
    expect(res.status).toBe(0);
    const payload = JSON.parse(Buffer.from(res.stdout.trim().split('.')[1], 'base64url').toString());
    expect(payload.sub).toBe('ops-alice');
    expect(payload.exp - payload.iat).toBe(60);
  });
});
