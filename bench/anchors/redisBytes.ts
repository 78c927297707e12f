// The anchor of the caching benchmark: a bare node:http server that answers every request with
// the bytes stored under one Redis key (one GET per request, as a cache hit needs at best).
// Run: REDIS_URL=… ANCHOR_KEY=… PORT=… tsx bench/anchors/redisBytes.ts
import { createServer } from 'node:http';
import { Redis } from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const key = process.env.ANCHOR_KEY ?? 'anchor';
const server = createServer((_req, res) => {
  redis.getBuffer(key).then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=45' });
      res.end(body ?? '');
    },
    () => {
      res.writeHead(503).end();
    },
  );
});
server.keepAliveTimeout = 5000;
server.listen(Number(process.env.PORT ?? 4990), '127.0.0.1', () => console.log('anchor listening'));
