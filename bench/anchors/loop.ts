// How a loop anchor talks to the benchmark: it says it is ready, receives one job over IPC,
// says when its warm-up is over, answers with one result, and is then stopped.
export function serveOneJob<J, R>(work: (job: J, measuring: () => void) => Promise<R>): void {
  const measuring = () => process.send!({ measuring: true });
  process.on('message', (message: { job?: J }) => {
    if (message.job === undefined) return;
    work(message.job, measuring).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  // The probe lets the channel go; a loop anchor lives for its job, so hold it.
  process.channel?.ref();
  process.send!({ ready: true });
}
