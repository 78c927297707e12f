// What the commands under src/cli share: a failure is one line on stderr and exit code 1.
import { AppError } from '../errors';

/** Runs a command's main; any error ends the process with its message on one line and exit code 1. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.split('\n')[0]);
    process.exit(1);
  });
}

/** Runs `check` (a rule of registration) on a variable's value; a refusal names the variable. */
export function holdToRule<T>(variable: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new Error(`Invalid configuration: ${variable} is refused by the registration rules: ${error.message}`, { cause: error });
  }
}
