// Debian's nginx with proxy_cache, as a CDN in front of API instances: its own prefix, config and
// pid under the caller's directory, never the system service. Used by the cache drill and benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { answersOk, stopChild, until } from './processes';


/** nginx as a CDN would be configured: the URL is the key; the origin's headers decide the rest. */
function nginxConfig(dir: string, port: number, upstreamPorts: readonly number[], unsafe: boolean): string {
  const upstreams = upstreamPorts.map((port) => `server 127.0.0.1:${port};`).join(' ');
  const caching = unsafe
    ? // Ignores what the origin says: caches private answers and every variant as one.
      'proxy_ignore_headers Cache-Control Expires Vary Set-Cookie; proxy_cache_valid 200 60s;'
    : 'proxy_cache_use_stale updating error timeout; proxy_cache_background_update on;';
  // As root, workers would run as nobody and could not write the drill's directories.
  return `
user ${userInfo().username};
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=shop:10m max_size=100m inactive=10m;
  upstream api { ${upstreams} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_cache shop;
      # The key is the URL alone: Host and the X-Forwarded-* headers are not in it.
      proxy_cache_key $request_uri;
      proxy_cache_lock on;
      ${caching}
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

export class Nginx {
  private child: ChildProcess | null = null;
  constructor(private readonly dir: string) {}

  async start(port: number, upstreamPorts: readonly number[], unsafe = false): Promise<void> {
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'cache']) mkdirSync(path.join(this.dir, sub), { recursive: true });
    const config = path.join(this.dir, 'nginx.conf');
    writeFileSync(config, nginxConfig(this.dir, port, upstreamPorts, unsafe));
    this.child = spawn('nginx', ['-p', this.dir, '-c', config, '-e', path.join(this.dir, 'error.log')], { stdio: 'ignore' });
    await until(
      () => answersOk(`http://127.0.0.1:${port}/api/health`),
      () => `nginx did not start: ${readFileSync(path.join(this.dir, 'error.log'), 'utf8')}`,
      10_000,
    );
  }

  stop(): Promise<void> {
    return stopChild(this.child, 'SIGQUIT');
  }
}
