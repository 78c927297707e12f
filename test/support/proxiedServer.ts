import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './databases';
import { freePort, runServer, waitUntilListening, type ServerProcess } from './serverProcess';
import { TcpProxy } from './tcpProxy';
import { TEST_JWT_SECRET } from './testApp';

/** A server process, run as `npm start` runs it, whose MariaDB connections pass through a proxy the test can cut. */
export interface ProxiedServer {
  database: TestDatabase;
  proxy: TcpProxy;
  server: ServerProcess;
  /** Stops the server (SIGTERM, SIGKILL after 15 s), the proxy, and drops the database. */
  close(): Promise<void>;
}

/** Needs TEST_MYSQL_URL; the server migrates through the proxy before it listens. */
export async function startProxiedServer(env: Record<string, string> = {}): Promise<ProxiedServer> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'shopgraph-proxied-'));
  const database = await createTestDatabase('mysql');
  const { DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME } = database.env as Record<string, string>;
  const proxy = new TcpProxy({ host: DB_HOST!, port: Number(DB_PORT) });
  const proxyPort = await proxy.start();
  const server = runServer(
    {
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      BCRYPT_ROUNDS: '4',
      PORT: String(await freePort()),
      DB_HOST: '127.0.0.1',
      DB_PORT: String(proxyPort),
      DB_USER: DB_USER!,
      DB_PASSWORD: DB_PASSWORD ?? '',
      DB_NAME: DB_NAME!,
      ...env,
    },
    cwd,
  );
  await waitUntilListening(server, 60_000);
  return {
    database,
    proxy,
    server,
    async close() {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
        await server.exited;
        clearTimeout(timer);
      }
      await proxy.close();
      await database.drop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
