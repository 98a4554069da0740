// The "before" server runs from a git worktree of an older commit, made in the temp dir for this run and
// removed after it, so old and new code are measured side by side under the same load and machine state.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './procs.ts';

const PREFIX = 'andon-bench-before-';

export interface BeforeWorktree {
  dir: string;
  /** Short hash of the commit checked out. */
  commit: string;
  /** Synchronous, so it can also run in a process 'exit' handler. */
  remove(): void;
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeWorktree(dir: string): void {
  // The symlink first: node_modules is shared with the repo and must never be followed by a recursive delete.
  const modules = path.join(dir, 'node_modules');
  if (isSymlink(modules)) unlinkSync(modules);
  try {
    git(['worktree', 'remove', '--force', dir]);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    git(['worktree', 'prune']);
  }
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The old commit runs on our node_modules, which is only sound if each package it asks for is asked for
 * here in the same range: the working tree may add packages (the old build never imports them), not
 * drop or change one.
 */
function assertSameDependencies(commit: string): void {
  const deps = (json: string): Record<string, string> => {
    const pkg = JSON.parse(json) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return { ...pkg.dependencies, ...pkg.devDependencies };
  };
  const ours = deps(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const changed = Object.entries(deps(git(['show', `${commit}:package.json`]))).filter(([name, range]) => ours[name] !== range);
  if (changed.length > 0) {
    throw new Error(`${commit} depends on packages the working tree does not (${changed.map(([name]) => name).join(', ')}); its server cannot run on this node_modules`);
  }
}

/** Removes the worktrees of bench runs that were killed before they could (their pid is in the name). */
function sweepAbandoned(): void {
  const listed = git(['worktree', 'list', '--porcelain']).split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice('worktree '.length));
  for (const dir of listed) {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(path.basename(dir));
    if (!match || path.dirname(dir) !== os.tmpdir() || isAlive(Number(match[1]))) continue;
    try {
      removeWorktree(dir);
    } catch {
      // another run may be sweeping it
    }
  }
  git(['worktree', 'prune']);
}

export function addBeforeWorktree(commitish: string): BeforeWorktree {
  sweepAbandoned();
  const commit = git(['rev-parse', '--short', `${commitish}^{commit}`]);
  assertSameDependencies(commit);
  const dir = path.join(os.tmpdir(), `${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`);
  git(['worktree', 'add', '--detach', dir, commit]);
  symlinkSync(realpathSync(path.join(repoRoot, 'node_modules')), path.join(dir, 'node_modules'), 'dir');
  let removed = false;
  return {
    dir,
    commit,
    remove() {
      if (removed) return;
      removed = true;
      removeWorktree(dir);
    },
  };
}
