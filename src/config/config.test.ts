import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseDurationSeconds } from '../shared/duration.js';
import { ConfigError, loadConfig } from './config.js';
import { parseDatabaseUrl } from './database-url.js';

const SECRET = 'x'.repeat(32);
const tempDir = () => mkdtempSync(join(tmpdir(), 'monsters-config-'));

describe('parseDatabaseUrl', () => {
  test('reads the SQLAlchemy forms used in the course', () => {
    assert.deepEqual(parseDatabaseUrl('sqlite:///data/halloween.db', '/srv/app'), {
      dialect: 'sqlite',
      filename: '/srv/app/data/halloween.db',
      url: 'sqlite:///data/halloween.db',
    });
    assert.equal(
      (parseDatabaseUrl('sqlite:////var/lib/monsters.db', '/srv/app') as { filename: string })
        .filename,
      '/var/lib/monsters.db',
    );
    assert.equal(
      (parseDatabaseUrl('sqlite://:memory:', '/') as { filename: string }).filename,
      ':memory:',
    );
    for (const url of ['postgresql://u:p@db:5432/shop', 'postgres://u:p@db/shop']) {
      assert.equal(parseDatabaseUrl(url, '/').dialect, 'postgres');
    }
    // SQLAlchemy's local form: the server and user come from libpq's PG* variables or defaults.
    assert.equal(parseDatabaseUrl('postgresql:///monsters', '/').dialect, 'postgres');
  });

  test('refuses anything else with a message naming the accepted forms', () => {
    for (const url of [
      'mysql://u@h/db',
      'sqlite:/x.db',
      'halloween.db',
      'sqlite:///',
      'postgresql://',
      'postgresql:///',
      '',
    ]) {
      assert.throws(() => parseDatabaseUrl(url, '/'), /sqlite:|PostgreSQL|postgresql:\/\//, url);
    }
  });

  test('never echoes a password in its error', () => {
    assert.throws(
      () => parseDatabaseUrl('mongodb://admin:hunter2@db/x', '/'),
      (error: Error) => !error.message.includes('hunter2'),
    );
  });
});

describe('loadConfig', () => {
  test('defaults match docs/requirements.md §1', () => {
    const config = loadConfig({ env: { SECRET_KEY: SECRET }, cwd: tempDir() });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 5000);
    assert.equal(config.database.url, 'sqlite:///data/halloween.db');
    assert.equal(config.sessionStore, 'database');
    assert.equal(config.sessionLifetimeSeconds, 7 * 86_400);
    assert.equal(config.workers, 1);
    assert.equal(config.debug, false);
    assert.equal(config.trustProxy, false);
    assert.equal(config.logLevel, 'info');
    assert.ok(Object.isFrozen(config));
  });

  test('DATA_DIR moves the default database, the pictures and the development key together', () => {
    const cwd = tempDir();
    const moved = loadConfig({ env: { SECRET_KEY: SECRET, DATA_DIR: '/var/lib/shop' }, cwd });
    assert.equal(moved.dataDir, '/var/lib/shop');
    assert.equal(
      moved.database.dialect === 'sqlite' && moved.database.filename,
      '/var/lib/shop/halloween.db',
    );

    const relative = loadConfig({ env: { SECRET_KEY: SECRET, DATA_DIR: 'state' }, cwd });
    assert.equal(relative.dataDir, join(cwd, 'state'));
    assert.equal(relative.database.url, 'sqlite:///state/halloween.db');

    const named = loadConfig({
      env: { SECRET_KEY: SECRET, DATA_DIR: '/var/lib/shop', DATABASE_URL: 'sqlite:///other.db' },
      cwd,
    });
    assert.equal(named.database.url, 'sqlite:///other.db', 'DATABASE_URL still wins');
  });

  test('precedence: flag > environment > .env file > default', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'PORT=6001\nHOST=0.0.0.0\nLOG_LEVEL=warn\n');
    const fromFile = loadConfig({ env: { SECRET_KEY: SECRET }, cwd });
    assert.equal(fromFile.port, 6001);
    assert.equal(fromFile.host, '0.0.0.0');
    const fromEnv = loadConfig({ env: { SECRET_KEY: SECRET, PORT: '6002' }, cwd });
    assert.equal(fromEnv.port, 6002);
    assert.equal(fromEnv.logLevel, 'warn');
    const fromFlag = loadConfig({
      env: { SECRET_KEY: SECRET, PORT: '6002' },
      flags: { port: '6003' },
      cwd,
    });
    assert.equal(fromFlag.port, 6003);
  });

  test('a relative SQLite path is resolved against the working directory', () => {
    const cwd = tempDir();
    const config = loadConfig({
      env: { SECRET_KEY: SECRET, DATABASE_URL: 'sqlite:///shop.db' },
      cwd,
    });
    assert.equal((config.database as { filename: string }).filename, join(cwd, 'shop.db'));
  });

  test('bad values are configuration errors', () => {
    const cwd = tempDir();
    const cases: Record<string, string>[] = [
      { PORT: '70000' },
      { PORT: 'http' },
      { WORKERS: '0' },
      { SESSION_STORE: 'redis' },
      { SESSION_LIFETIME: 'forever' },
      { LOG_LEVEL: 'loud' },
      { DATABASE_URL: 'oracle://x' },
    ];
    for (const env of cases) {
      assert.throws(
        () => loadConfig({ env: { SECRET_KEY: SECRET, ...env }, cwd }),
        ConfigError,
        JSON.stringify(env),
      );
    }
  });

  test('WORKERS=auto means one per core', () => {
    const config = loadConfig({ env: { SECRET_KEY: SECRET, WORKERS: 'auto' }, cwd: tempDir() });
    assert.ok(config.workers >= 1);
  });

  test('production refuses a missing or short SECRET_KEY', () => {
    const cwd = tempDir();
    assert.throws(() => loadConfig({ env: { NODE_ENV: 'production' }, cwd }), /SECRET_KEY/);
    assert.throws(
      () => loadConfig({ env: { NODE_ENV: 'production', SECRET_KEY: 'short' }, cwd }),
      /32 bytes/,
    );
    const previous = 'y'.repeat(32);
    const config = loadConfig({
      env: { NODE_ENV: 'production', SECRET_KEY: `${SECRET}, ${previous}` },
      cwd,
    });
    assert.deepEqual(config.secretKeys, [SECRET, previous]);
    assert.equal(config.production, true);
  });

  test('production refuses debug mode, from DEBUG or --debug, naming where it came from', () => {
    const cwd = tempDir();
    const production = { NODE_ENV: 'production', SECRET_KEY: SECRET };
    for (const DEBUG of ['1', 'true', 'ON']) {
      assert.throws(
        () => loadConfig({ env: { ...production, DEBUG }, cwd }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.includes(`DEBUG=${DEBUG}`) &&
          /NODE_ENV=production/.test(error.message),
        DEBUG,
      );
    }
    assert.throws(
      () => loadConfig({ env: production, flags: { debug: true }, cwd }),
      (error: unknown) => error instanceof ConfigError && error.message.startsWith('--debug '),
    );
    assert.equal(loadConfig({ env: { ...production, DEBUG: '0' }, cwd }).debug, false);
    assert.equal(
      loadConfig({ env: { SECRET_KEY: SECRET, DEBUG: '1' }, cwd }).debug,
      true,
      'development keeps debug mode',
    );
  });

  test('DEBUG and TRUST_PROXY accept the usual on/off words and refuse anything else', () => {
    const cwd = tempDir();
    const load = (env: Record<string, string>) =>
      loadConfig({ env: { SECRET_KEY: SECRET, ...env }, cwd });
    for (const word of ['1', 'true', 'YES', 'On']) {
      assert.equal(load({ DEBUG: word }).debug, true, word);
      assert.equal(load({ TRUST_PROXY: word }).trustProxy, true, word);
    }
    for (const word of ['0', 'false', 'No', 'OFF']) {
      assert.equal(load({ DEBUG: word }).debug, false, word);
      assert.equal(load({ TRUST_PROXY: word }).trustProxy, false, word);
    }
    for (const name of ['DEBUG', 'TRUST_PROXY']) {
      assert.throws(
        () => load({ [name]: 'maybe' }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.startsWith(`invalid ${name} "maybe": expected`) &&
          !error.message.includes('\n'),
        name,
      );
    }
  });

  test("TRUST_PROXY takes the proxy's addresses, so only the proxy can name the client", () => {
    const cwd = tempDir();
    const load = (value: string) =>
      loadConfig({ env: { SECRET_KEY: SECRET, TRUST_PROXY: value }, cwd }).trustProxy;
    assert.equal(load('127.0.0.2'), '127.0.0.2');
    assert.equal(load(' 10.0.0.5, 192.168.0.0/16 ,fd00::/8'), '10.0.0.5,192.168.0.0/16,fd00::/8');
    assert.equal(load('loopback'), 'loopback');
    for (const wrong of ['10.0.0.300', '10.0.0.0/33', '::1/129', '10.0.0.1,', 'proxy.example']) {
      assert.throws(
        () => load(wrong),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message.startsWith(`invalid TRUST_PROXY ${JSON.stringify(wrong)}: expected`) &&
          error.message.includes('CIDR') &&
          !error.message.includes('\n'),
        wrong,
      );
    }
  });

  test('an empty --host is refused rather than listening on every interface', () => {
    const cwd = tempDir();
    for (const host of ['', ' ']) {
      assert.throws(
        () => loadConfig({ env: { SECRET_KEY: SECRET }, flags: { host }, cwd }),
        (error: unknown) => error instanceof ConfigError && /^invalid host/.test(error.message),
        JSON.stringify(host),
      );
    }
    assert.equal(
      loadConfig({ env: { SECRET_KEY: SECRET, HOST: '' }, cwd }).host,
      '127.0.0.1',
      'an empty variable means the default, like every other variable',
    );
  });

  test('metrics are off unless METRICS_PORT or --metrics-port is set, and listen on 127.0.0.1 by default', () => {
    const cwd = tempDir();
    assert.equal(loadConfig({ env: { SECRET_KEY: SECRET }, cwd }).metrics, null);
    const fromEnv = loadConfig({ env: { SECRET_KEY: SECRET, METRICS_PORT: '9100' }, cwd });
    assert.deepEqual(fromEnv.metrics, { host: '127.0.0.1', port: 9100 });
    const fromFlag = loadConfig({
      env: { SECRET_KEY: SECRET, METRICS_PORT: '9100', METRICS_HOST: '10.0.0.5' },
      flags: { metricsPort: '9200' },
      cwd,
    });
    assert.deepEqual(fromFlag.metrics, { host: '10.0.0.5', port: 9200 });
    for (const [env, message] of [
      [{ METRICS_PORT: 'prometheus' }, /^invalid METRICS_PORT "prometheus"/],
      [{ METRICS_PORT: '70000' }, /^invalid METRICS_PORT "70000"/],
      [{ METRICS_PORT: '9100', METRICS_HOST: ' ' }, /^invalid METRICS_HOST " "/],
    ] as const) {
      assert.throws(
        () => loadConfig({ env: { SECRET_KEY: SECRET, ...env }, cwd }),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
        JSON.stringify(env),
      );
    }
  });

  test('production refuses a SECRET_KEY list with any short key, naming which one', () => {
    const cwd = tempDir();
    for (const [raw, position] of [
      [`${SECRET},x`, 2],
      [`${SECRET},${'y'.repeat(32)},${'z'.repeat(31)}`, 3],
      [`short,${SECRET}`, 1],
    ] as const) {
      assert.throws(
        () => loadConfig({ env: { NODE_ENV: 'production', SECRET_KEY: raw }, cwd }),
        (error: Error) =>
          error instanceof ConfigError &&
          error.message.includes(`key ${position} of`) &&
          /at least 32 bytes/.test(error.message) &&
          !error.message.includes('\n') &&
          !error.message.includes(SECRET),
        raw,
      );
    }
  });

  test('development accepts a short SECRET_KEY but warns that it would be refused in production', () => {
    const warnings: string[] = [];
    const config = loadConfig({
      env: { SECRET_KEY: `${SECRET},dev` },
      cwd: tempDir(),
      warn: (message) => warnings.push(message),
    });
    assert.deepEqual(config.secretKeys, [SECRET, 'dev']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /key 2 of 2 .*3 bytes.*production/);
    assert.doesNotMatch(warnings[0] ?? '', /\bdev\b/, 'the key itself is never printed');

    const silent: string[] = [];
    loadConfig({ env: { SECRET_KEY: SECRET }, cwd: tempDir(), warn: (m) => silent.push(m) });
    assert.deepEqual(silent, []);
  });

  test('development generates one key into data/secret.key with mode 0600 and reuses it', () => {
    const cwd = tempDir();
    const first = loadConfig({ env: {}, cwd });
    const path = join(cwd, 'data', 'secret.key');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(readFileSync(path, 'utf8').trim(), first.secretKeys[0]);
    assert.ok(Buffer.byteLength(first.secretKeys[0] ?? '') >= 32);
    assert.deepEqual(loadConfig({ env: {}, cwd }).secretKeys, first.secretKeys);
  });
});

test('parseDurationSeconds reads 30m, 12h, 7d and bare seconds', () => {
  assert.equal(parseDurationSeconds('30m'), 1_800);
  assert.equal(parseDurationSeconds('12h'), 43_200);
  assert.equal(parseDurationSeconds('7d'), 604_800);
  assert.equal(parseDurationSeconds('90'), 90);
  for (const bad of ['', '0', '-5m', '1w', '1.5h', 'soon'])
    assert.equal(parseDurationSeconds(bad), undefined, bad);
});
