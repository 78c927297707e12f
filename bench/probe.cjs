'use strict';
// Preloaded by the benchmark (`node --require bench/probe.cjs`) into every process it measures,
// and never otherwise: the measurement hooks cost nothing when the benchmark is not running.
// Over the IPC channel the benchmark opens, it answers:
//   { probe: 'stats', id, reset }  → event-loop delay (monitorEventLoopDelay), CPU time and memory since the last reset
//   { probe: 'cpu-start', id }     → starts the V8 CPU profiler (inspector)
//   { probe: 'cpu-stop', id, file } → stops it and writes the .cpuprofile
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');

if (typeof process.send === 'function') {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cpuSince = process.cpuUsage();
  let session = null;

  const reply = (id, body) => process.send({ probe: 'reply', id, ...body });
  const ms = (ns) => Math.round(ns / 1e4) / 100;

  process.on('message', (message) => {
    if (!message || typeof message.probe !== 'string') return;
    const { id } = message;
    if (message.probe === 'stats') {
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage(cpuSince);
      reply(id, {
        eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
        cpuMicros: cpu.user + cpu.system,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
      });
      if (message.reset) {
        delay.reset();
        cpuSince = process.cpuUsage();
      }
    } else if (message.probe === 'cpu-start') {
      const inspector = require('node:inspector');
      session = new inspector.Session();
      session.connect();
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
          session.post('Profiler.start', (error) => reply(id, { ok: !error })),
        ),
      );
    } else if (message.probe === 'cpu-stop') {
      if (!session) return reply(id, { ok: false });
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
        session.disconnect();
        session = null;
        reply(id, { ok: !error });
      });
    }
  });
  // Should the benchmark die, the measured process shuts down as on SIGTERM rather than linger.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel must not keep a process alive that would otherwise exit.
  if (process.channel) process.channel.unref();
}
