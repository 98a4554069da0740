// Runs the checks `npm test` makes before its tests side by side: typecheck, lint and the web build
// each use about one core, and one after the other they kept the second core idle for minutes.
// Each one's output is printed in one piece when it ends; any that fails fails the run.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['web build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
];

function run([name, command, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(`${output}${output && !output.endsWith('\n') ? '\n' : ''}checks: ${name} ${code === 0 ? 'passed' : `failed (${code ?? signal})`} in ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

const passed = await Promise.all(CHECKS.map(run));
if (passed.includes(false)) process.exit(1);
