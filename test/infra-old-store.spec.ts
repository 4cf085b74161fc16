/**
 * `npm run infra` on an .infra/ left by the old embedded store (FerretDB kept
 * its binary and data in .infra/ferretdb/): it refuses, says what to delete,
 * and starts nothing beside it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe('infra script on an old .infra/', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'netdirect-old-infra-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('refuses to install and names the folder to delete', () => {
    // A copy of the script in a scratch checkout, so the real .infra/ is never touched.
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.copyFileSync(path.resolve(__dirname, '..', 'scripts', 'infra.mjs'), path.join(root, 'scripts', 'infra.mjs'));
    fs.mkdirSync(path.join(root, '.infra', 'ferretdb', 'data'), { recursive: true });
    fs.mkdirSync(path.join(root, '.infra', 'logs'));

    const res = spawnSync(process.execPath, [path.join(root, 'scripts', 'infra.mjs'), 'install'], {
      encoding: 'utf8',
      env: { ...process.env, KAFKA_BROKERS: '', MONGO_URL: '' },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/\.infra\/ holds ferretdb\/, which this version does not use/);
    expect(res.stderr).toMatch(/delete \.infra\/ferretdb/i);
    expect(fs.existsSync(path.join(root, '.infra', 'mongo'))).toBe(false);
    expect(fs.existsSync(path.join(root, '.infra', 'kafka'))).toBe(false);
  });
});
