// The API instances and the HAProxy in front of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { answersOk, listening, stopChild, until } from './processes';
import { freePort, runServer, waitUntilListening, type ServerProcess } from '../../test/support/serverProcess';

export class Instance {
  private process: ServerProcess | null = null;
  private logs = '';

  constructor(
    readonly id: string,
    readonly port: number,
    private env: Record<string, string>,
    private readonly cwd: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the instance printed, across restarts. */
  output(): string {
    return this.logs + (this.process?.output() ?? '');
  }

  start(extraEnv: Record<string, string> = {}): ServerProcess {
    this.env = { ...this.env, ...extraEnv };
    this.process = runServer({ ...this.env, PORT: String(this.port), INSTANCE_ID: this.id }, this.cwd);
    return this.process;
  }

  /** Started and answering /api/ready with 200. */
  async ready(timeoutMs = 60_000): Promise<void> {
    await waitUntilListening(this.process!, timeoutMs);
    await until(() => answersOk(`${this.url}/api/ready`), () => `${this.id} never became ready:\n${this.output()}`, timeoutMs);
  }

  /** SIGTERM and wait for the exit (graceful: readiness 503, drain, close). */
  async stop(): Promise<number | null> {
    const current = this.process;
    if (!current || current.child.exitCode !== null) return current?.child.exitCode ?? null;
    current.child.kill('SIGTERM');
    const code = await current.exited;
    this.logs += current.output();
    this.process = null;
    return code;
  }

  async restart(extraEnv: Record<string, string> = {}): Promise<void> {
    await this.stop();
    this.start(extraEnv);
    await this.ready();
  }
}

export async function createInstances(count: number, env: Record<string, string>, cwd: string): Promise<Instance[]> {
  const instances: Instance[] = [];
  for (let index = 1; index <= count; index += 1) instances.push(new Instance(`api-${index}`, await freePort(), env, cwd));
  return instances;
}

/**
 * HAProxy as a rolling deploy wants it: checks /api/ready every 300 ms and takes a server out
 * after 2 failures; a request whose connection fails, or that gets no answer, goes to another.
 */
export class LoadBalancer {
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(instances: Instance[]): Promise<void> {
    const config = path.join(this.dir, 'haproxy.cfg');
    writeFileSync(
      config,
      [
        'global',
        '  maxconn 4096',
        'defaults',
        '  mode http',
        '  timeout connect 1s',
        '  timeout client 30s',
        '  timeout server 30s',
        // A health check may take longer than `inter` on a loaded machine: without this it times
        // out after `inter`, and three slow answers in a row take every instance out at once.
        '  timeout check 2s',
        '  retries 3',
        '  option redispatch',
        '  retry-on conn-failure empty-response',
        'frontend api',
        `  bind 127.0.0.1:${this.port}`,
        '  default_backend instances',
        'backend instances',
        '  balance roundrobin',
        '  option httpchk GET /api/ready',
        '  http-check expect status 200',
        '  default-server inter 300ms fall 2 rise 2',
        ...instances.map((instance) => `  server ${instance.id} 127.0.0.1:${instance.port} check`),
        '',
      ].join('\n'),
    );
    this.child = spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await until(() => answersOk(`${this.url}/api/ready`), () => 'HAProxy did not start answering');
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

export { freePort };

/** A Redis of the drill's own (nothing kept on disk), so it can be stopped without touching anyone else's. */
export class RedisServer {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => listening(this.port), () => 'redis-server did not start', 10_000);
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
