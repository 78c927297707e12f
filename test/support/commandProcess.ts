import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CommandResult {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Runs `command` with `args` from `cwd`, with exactly the given environment (plus PATH unless given). */
export function runProcess(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: lines(stdout), stderr: lines(stderr) }));
  });
}

/** Runs a command's TypeScript source (e.g. `src/cli/seed.ts`) as `npm run dev:seed` would. */
export function runSourceCommand(file: string, args: string[], env: Record<string, string>, cwd: string): Promise<CommandResult> {
  return runProcess(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, file), ...args], env, cwd);
}
