// The drills' checks: each prints ✓ or ✗ with its figure and its time; `finish` prints the
// drill's duration and the last line `N passed, M failed`, and exits 1 when anything failed.
let passed = 0;
let failed = 0;
const started = Date.now();

export async function check(name: string, run: () => Promise<string>): Promise<void> {
  const t0 = Date.now();
  try {
    const figure = await run();
    passed += 1;
    console.log(`✓ ${name}: ${figure} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.log(`✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** Runs a drill's main, counts a crash as a failure, prints the totals and exits. */
export function runDrill(name: string, main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      failed += 1;
      console.log(`✗ the drill could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    })
    .finally(() => {
      console.log(`${name} drill took ${((Date.now() - started) / 1000).toFixed(0)} s`);
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    });
}

export type Stop = () => Promise<unknown>;

/** Runs `run` with a list it adds a stop to for everything it starts; they run in reverse order whatever happens. */
export async function withCleanup<T>(run: (stops: Stop[]) => Promise<T>): Promise<T> {
  const stops: Stop[] = [];
  try {
    return await run(stops);
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.log(`(stopping: ${String(error)})`));
  }
}
