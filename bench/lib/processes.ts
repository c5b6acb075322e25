// Child processes for the benchmarks and the end-to-end tests: the real application (as
// `npm start` runs it: built into dist/, then node with the flags of package.json's start script)
// and the bare grammY baseline. Each runs in its own process so the
// simulated users, who live in the bench's (or the test's) process, never share an event loop
// with the bot they measure. A process is stopped like an operator would (SIGTERM) or like a
// crash (SIGKILL).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  /** Sends `signal` (SIGTERM by default; after 10 s it becomes SIGKILL) and resolves with the exit code (null when killed). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** A command line: the executable and its arguments. */
export type Command = [file: string, args: string[]];

/** `script` (TypeScript) run by node with tsx's loader, `nodeArgs` before it. */
function tsxCommand(script: string, nodeArgs: string[]): Command {
  return [process.execPath, [...nodeArgs, '--import', 'tsx', script]];
}

/**
 * A `node …` script of package.json as a command line run by this node. package.json is the one
 * place that says how the application runs: `prestart` builds it, `start` runs it.
 */
function npmScript(name: string): Command {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts[name]?.trim().split(/\s+/) ?? [];
  if (words[0] !== 'node') throw new Error(`package.json's "${name}" script should be a node command line: ${pkg.scripts[name]}`);
  return [process.execPath, words.slice(1)];
}

let built = false;

/** Runs `npm start`'s prestart (the build into dist/) once per process; later calls return at once. */
export function buildApp(): void {
  if (built) return;
  const [file, args] = npmScript('prestart');
  execFileSync(file, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

/**
 * How the application is run, as `npm start` runs it, with `nodeArgs` added before its entry
 * point (the first word not starting with "-": flags in the script are written --flag=value).
 */
export function appCommand(nodeArgs: string[] = []): Command {
  const [file, args] = npmScript('start');
  const entry = args.findIndex((a) => !a.startsWith('-'));
  return [file, [...args.slice(0, entry), ...nodeArgs, ...args.slice(entry)]];
}

function spawnProcess([file, args]: Command, env: Record<string, string>): BotProcess {
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A TypeScript file of this repository in a child process. */
export const startProcess = (script: string, env: Record<string, string>, nodeArgs: string[] = []): BotProcess =>
  spawnProcess(tsxCommand(script, nodeArgs), env);

/** The application, as `npm start` runs it (built first if its sources changed). */
export function startApp(env: Record<string, string>, nodeArgs: string[] = []): BotProcess {
  buildApp();
  return spawnProcess(appCommand(nodeArgs), env);
}

/** The bare grammY bot of bench/lib/baseline-bot.ts. */
export const startBaseline = (env: Record<string, string>) => startProcess('bench/lib/baseline-bot.ts', env);

/** Waits for `ready()` to hold, failing with the process's output if it exits or takes too long. */
export async function waitFor(what: string, ready: () => boolean | Promise<boolean>, bot: BotProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void bot.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the bot exited before ${what}:\n${bot.output()}`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the bot did not get to ${what} within ${timeoutMs} ms:\n${bot.output()}`);
}

/** Whether `url` answers a GET with a 2xx status. */
export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

export const answersHealthz = (port: number): Promise<boolean> => answers(`http://127.0.0.1:${port}/healthz`);

/** Waits until `url` answers, failing with the process's output if it exits first or takes too long. */
export const waitUntilServing = (url: string, bot: BotProcess, timeoutMs = 30_000): Promise<void> =>
  waitFor(`serving ${url}`, () => answers(url), bot, timeoutMs);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size (current and peak) of a process, from /proc, in MiB. */
export async function residentMemory(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function loadAverage(): Promise<string> {
  return (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
}
