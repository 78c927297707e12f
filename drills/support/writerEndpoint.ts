// The writer endpoint of a primary/replica pair: a HAProxy TCP frontend whose backend lists the
// primary (in service) and the replica (in maintenance until promoted), with an admin socket for
// the promotion script to move it, as a managed database's writer DNS name moves.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { listening, stopChild, until } from './processes';

export const WRITER_BACKEND = 'database';

export class WriterEndpoint {
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get adminSocket(): string {
    return path.join(this.dir, 'haproxy-writer.sock');
  }

  async start(servers: { primary: number; replica: number }): Promise<void> {
    const config = path.join(this.dir, 'haproxy-writer.cfg');
    writeFileSync(
      config,
      [
        'global',
        `  stats socket ${this.adminSocket} mode 600 level admin`,
        'defaults',
        '  mode tcp',
        '  timeout connect 1s',
        // Pooled connections sit idle between requests: the pool, not HAProxy, closes them.
        '  timeout client 1h',
        '  timeout server 1h',
        'frontend writer',
        `  bind 127.0.0.1:${this.port}`,
        `  default_backend ${WRITER_BACKEND}`,
        `backend ${WRITER_BACKEND}`,
        `  server primary 127.0.0.1:${servers.primary}`,
        `  server replica 127.0.0.1:${servers.replica} disabled`,
        '',
      ].join('\n'),
    );
    this.child = spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await until(() => listening(this.port), () => 'the writer endpoint (HAProxy) did not start listening');
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
