// The writer endpoint of a primary/replica pair: a HAProxy TCP frontend whose backend lists the
// primary (in service) and the replica (in maintenance until promoted), with an admin socket for
// the promotion script to move it, as a managed database's writer DNS name moves.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

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
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const listening = await new Promise<boolean>((resolve) => {
        const socket = connect(this.port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (listening) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the writer endpoint (HAProxy) did not start listening');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
