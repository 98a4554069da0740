import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A file that starts a real Andon process or a Chromium takes tens of seconds; most others take one or two. */
const STARTS_A_PROCESS = /\b(startServer|instanceGroup|browserAndon|twoPeopleInBrowser|launchBrowser)\(/;

/**
 * Vitest's own order (projects one after the other; within one, the slowest of the last run first,
 * or on a first run such as CI's, the largest file first), with the files that start servers or
 * browsers moved to the front of their project. On a first run a short browser file would otherwise
 * come late, and the two workers would finish a project one such file apart.
 */
export class HeaviestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const heavy = new Map(sorted.map((file) => [file, STARTS_A_PROCESS.test(readFileSync(file.moduleId, 'utf8'))]));
    const projects = [...new Set(sorted.map((file) => file.project.name))];
    // Array.prototype.sort is stable: within each group the base order stands.
    return sorted.sort((a, b) =>
      projects.indexOf(a.project.name) - projects.indexOf(b.project.name) || Number(heavy.get(b)) - Number(heavy.get(a)));
  }
}
