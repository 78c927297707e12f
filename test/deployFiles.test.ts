// The deployment files against what they deploy: compose.yaml, deploy/haproxy.cfg, render.yaml,
// deploy/shopgraph.service and the Dockerfile, checked against package.json's scripts, the
// configuration module (each service's environment must load), the health routes and each other.
// The image itself is built and run by `npm run test:container` (drills/container.ts) in CI.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../src/config';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string>; engines: { node: string } };
const HEALTH_PATHS = [...read('src/rest/contract/health.ts').matchAll(/path: '([^']+)'/g)].map((match) => match[1]);

/** Compose's ${NAME:-default} and ${NAME:?message} with the given values, as `docker compose` does. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const given = env[name];
    if (given) return given;
    if (kind === '?') throw new Error(`${name} is required: ${rest}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

interface ComposeService {
  build?: { context: string; args?: Record<string, string> };
  image?: string;
  init?: boolean;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
  const services = compose.services;
  const apis = Object.keys(services).filter((name) => services[name]!.build);
  const secrets = { DB_PASSWORD: 'compose-db-password', JWT_SECRET: 'c'.repeat(40) };

  it('has the production topology: two API instances built from the Dockerfile, MariaDB, Redis and HAProxy', () => {
    expect(Object.keys(services).sort()).toEqual(['api-1', 'api-2', 'db', 'haproxy', 'redis']);
    expect(apis).toEqual(['api-1', 'api-2']);
    for (const api of apis) {
      expect(services[api]!.build).toEqual({ context: '.', args: { BASE_IMAGE: '${BASE_IMAGE:-node:24-bookworm-slim}' } });
      expect(services[api]!.init).toBe(true);
    }
    expect(read('Dockerfile')).toMatch(/^ARG BASE_IMAGE=node:24-bookworm-slim$/m);
  });

  it('each API instance waits for a healthy database and Redis, and its environment loads as a production configuration', () => {
    const ids = new Set<string>();
    for (const api of apis) {
      const service = services[api]!;
      expect(service.depends_on).toEqual({ db: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      const env = Object.fromEntries(Object.entries(service.environment!).map(([name, value]) => [name, interpolate(String(value), secrets)]));
      const config = loadConfig(env);
      expect(config).toMatchObject({ env: 'production' });
      expect(env).toMatchObject({ DB_HOST: 'db', REDIS_URL: 'redis://redis:6379', PORT: '4000' });
      ids.add(env.INSTANCE_ID!);
    }
    expect(ids.size).toBe(apis.length);
    expect(() => interpolate(String(services['api-1']!.environment!.JWT_SECRET), {})).toThrow(/JWT_SECRET is required/);
  });

  it('the database is MariaDB with the charset and collation the app expects, healthy only once InnoDB is up, with the API’s user and password', () => {
    const db = services.db!;
    expect(db.command).toEqual(['--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_520_ci']);
    expect(db.healthcheck!.test).toEqual(['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized']);
    const api = services['api-1']!.environment!;
    expect(db.environment).toMatchObject({ MARIADB_DATABASE: api.DB_NAME, MARIADB_USER: api.DB_USER, MARIADB_PASSWORD: api.DB_PASSWORD });
    expect(services.redis!.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('HAProxy (deploy/haproxy.cfg) checks each API instance on /api/ready at its PORT, and waits for both to be healthy', () => {
    const haproxy = services.haproxy!;
    expect(haproxy.volumes).toContain('./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(haproxy.depends_on).toEqual(Object.fromEntries(apis.map((api) => [api, { condition: 'service_healthy' }])));
    const cfg = read('deploy/haproxy.cfg');
    expect(cfg).toMatch(/^\s*option httpchk GET \/api\/ready$/m);
    expect(HEALTH_PATHS).toContain('/api/ready');
    const servers = [...cfg.matchAll(/^\s*server (\S+) (\S+):(\d+) check$/gm)].map((match) => ({ name: match[1], host: match[2], port: match[3] }));
    expect(servers).toEqual(apis.map((api) => ({ name: api, host: api, port: services[api]!.environment!.PORT })));
    const bind = /^\s*bind :(\d+)$/m.exec(cfg)?.[1];
    expect(haproxy.ports).toEqual([`\${HTTP_PORT:-8080}:${bind}`]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('runs node itself on the compiled server as the non-root node user, with a HEALTHCHECK on /api/health', () => {
    const start = packageJson.scripts.start!.split(' ');
    expect(dockerfile).toMatch(new RegExp(`^CMD \\[${start.map((word) => JSON.stringify(word)).join(', ')}\\]$`, 'm'));
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(HEALTH_PATHS).toContain('/api/health');
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });
});

interface RenderService {
  type: string;
  name: string;
  runtime: string;
  buildCommand: string;
  startCommand?: string;
  preDeployCommand?: string;
  healthCheckPath?: string;
  staticPublishPath?: string;
  envVars: { key: string; value?: string; sync?: boolean; generateValue?: boolean }[];
}

describe('render.yaml', () => {
  const render = parse(read('render.yaml')) as { services: RenderService[] };
  const api = render.services.find((service) => service.runtime === 'node')!;
  const storefront = render.services.find((service) => service.runtime === 'static')!;
  const example = new Set([...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

  it('builds and starts the API with the commands CI runs: npm ci (whose prepare builds), a prune to production dependencies, npm start', () => {
    expect(api.buildCommand).toBe('npm ci --include=dev && npm prune --omit=dev');
    expect(read('scripts/prepare.js')).toMatch(/npm_execpath[\s\S]*'run', 'build'/);
    expect(packageJson.scripts.prepare).toBe('node scripts/prepare.js');
    expect(api.startCommand).toBe('npm start');
    expect(packageJson.scripts.start).toBe('node dist/src/index.js');
    expect(api.preDeployCommand).toBe('npm run migrate');
    expect(packageJson.scripts.migrate).toBe('node dist/src/cli/migrate.js');
    expect(read('.nvmrc').trim()).toBe(api.envVars.find((variable) => variable.key === 'NODE_VERSION')!.value);
  });

  it('health-checks /api/ready, asks for secrets instead of holding them, generates JWT_SECRET, and its environment loads', () => {
    expect(api.healthCheckPath).toBe('/api/ready');
    expect(HEALTH_PATHS).toContain(api.healthCheckPath);
    const byKey = Object.fromEntries(api.envVars.map((variable) => [variable.key, variable]));
    for (const secret of ['DB_HOST', 'DB_USER', 'DB_PASSWORD', 'DB_NAME', 'FRONTEND_URL', 'REDIS_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
      expect(byKey[secret]).toEqual({ key: secret, sync: false });
    }
    expect(byKey.JWT_SECRET).toEqual({ key: 'JWT_SECRET', generateValue: true });
    for (const variable of api.envVars) {
      if (variable.key !== 'NODE_VERSION') expect(example).toContain(variable.key);
      expect(variable.value !== undefined || variable.sync === false || variable.generateValue === true).toBe(true);
    }
    // What Render fills in: each asked-for value as a user would give it, a generated 256-bit secret.
    const filled: Record<string, string> = { DB_HOST: 'db.internal', DB_USER: 'shop', DB_PASSWORD: 'pw', DB_NAME: 'shop', JWT_SECRET: 'R'.repeat(44), FRONTEND_URL: 'https://shop.example', REDIS_URL: 'redis://cache:6379' };
    const env = Object.fromEntries(api.envVars.map((variable) => [variable.key, variable.value ?? filled[variable.key] ?? '']));
    expect(loadConfig(env)).toMatchObject({ env: 'production', trustProxy: 1, corsOrigins: ['https://shop.example'] });
  });

  it('publishes the storefront as a static site of its own, with the API origin given at build time', () => {
    expect(storefront.buildCommand).toBe('npm ci --ignore-scripts && npm run build:web');
    expect(packageJson.scripts['build:web']).toMatch(/^vite build --config web\/vite.config.mts$/);
    expect(storefront.staticPublishPath).toBe('web/dist');
    expect(storefront.envVars).toEqual([{ key: 'VITE_API_URL', sync: false }]);
    expect(read('web/src/state.tsx')).toContain('import.meta.env.VITE_API_URL');
  });
});

describe('deploy/shopgraph.service (systemd)', () => {
  const unit = read('deploy/shopgraph.service');
  const directive = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1];

  it('restarts on failure, stops with SIGTERM within the server’s drain time, reads an environment file, migrates, then runs the compiled server', () => {
    expect(directive('Restart')).toBe('on-failure');
    expect(directive('KillSignal')).toBe('SIGTERM');
    expect(Number(directive('TimeoutStopSec'))).toBeGreaterThan(10);
    expect(directive('EnvironmentFile')).toBe('/etc/shopgraph/shopgraph.env');
    expect(directive('ExecStartPre')).toBe('/usr/bin/npm run --silent migrate');
    expect(directive('ExecStart')).toBe(`/usr/bin/${packageJson.scripts.start}`);
    expect(directive('User')).not.toBe('root');
  });
});
