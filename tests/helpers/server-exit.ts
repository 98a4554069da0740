import { spawn } from 'node:child_process';
import { repoRoot, SERVER_ARGS } from './server-process.ts';

export interface ServerExit {
  /** The exit status, or the signal's name when the process was killed (by the timeout, say). */
  status: number | string;
  stdout: string;
  stderr: string;
}

/**
 * Runs the server as `npm start` does, for a start that is meant to fail: answers once the
 * process has exited. Asynchronous (unlike spawnSync), so the test worker stays responsive meanwhile;
 * a server that comes up after all is killed at `timeoutMs`, and the caller sees a signal as status.
 */
export function runServerUntilExit(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerExit> {
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? signal ?? -1, stdout, stderr });
    });
  });
}
