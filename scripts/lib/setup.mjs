/**
 * Steps shared by `npm start` and `npm test`: install node packages when the
 * lock file changed, and build the libraries and services with Nx.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../infra.mjs';

const log = (msg) => console.log(`[setup] ${msg}`);

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (res.error) throw new Error(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
}

/** `npm ci` when node_modules is missing or was installed from another lock file. */
export function ensureNodePackages() {
  const lock = path.join(ROOT, 'package-lock.json');
  const stamp = path.join(ROOT, 'node_modules', '.netdirect-lock-hash');
  const hash = createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  log('installing node packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(stamp, hash);
}

/** Compile every project (cached by Nx; a no-op when nothing changed). */
export function build() {
  log('building libraries and services');
  run(process.execPath, [path.join(ROOT, 'node_modules', 'nx', 'bin', 'nx.js'), 'run-many', '-t', 'build', '--outputStyle=static'], {
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
}

/**
 * kcat (Debian package), the client nobody here wrote that the logistics
 * handoff test reads a provider's topic with. Installed from the system's
 * packages when missing and this runs as root with apt-get; otherwise the
 * test fails naming the install.
 */
export function ensureKcat() {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (has('kcat')) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    console.warn('[setup] kcat is missing (install the kcat package, e.g. apt-get install -y kcat); the logistics kcat test will fail');
    return;
  }
  log('installing kcat from the system packages');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', 'kcat'], { env });
}
