// A learning as Markdown (export) and as HTML (feed content), both from a syntax tree: each field's
// own Markdown is parsed into the tree, never pasted into a template, and HTML is sanitized.
import type { Root, RootContent, Text } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { LEARNING_TEXT_FIELDS, type LearningTextField } from '../../../shared/learnings.ts';
import { tagsOf } from '../presenter.ts';
import type { LearningWithArea } from '../store.ts';

const HEADINGS: Record<LearningTextField, string> = {
  summary: 'What happened', expected: 'What was expected instead', cause: 'Why it happened', changes: 'What was changed', detection: 'How to see it sooner next time',
};

const parser = unified().use(remarkParse);
const text = (value: string): Text => ({ type: 'text', value });

/** A field's Markdown as tree nodes; its headings are pushed below the learning's own. */
function fieldNodes(markdown: string, depth: number): RootContent[] {
  const tree = parser.parse(markdown);
  for (const node of tree.children) if (node.type === 'heading') node.depth = Math.min(6, node.depth + depth) as 1 | 2 | 3 | 4 | 5 | 6;
  return tree.children;
}

function learningNodes(learning: LearningWithArea, depth: 1 | 2, publicBase: string): RootContent[] {
  const sub = (depth + 1) as 2 | 3;
  const facts = [
    `Area: ${learning.areaSlug}`, `Problem: #${learning.problemNumber}`,
    ...(learning.publishedAt === null ? [] : [`Published: ${new Date(learning.publishedAt).toISOString().slice(0, 10)}`]),
    ...(tagsOf(learning.tags).length ? [`Tags: ${tagsOf(learning.tags).join(', ')}`] : []),
  ];
  const nodes: RootContent[] = [
    { type: 'heading', depth, children: [text(learning.title)] },
    { type: 'paragraph', children: [text(`${facts.join(' · ')} · `), { type: 'link', url: `${publicBase}/learnings/${encodeURIComponent(learning.id)}`, children: [text('open in Andon')] }] },
  ];
  for (const field of LEARNING_TEXT_FIELDS) {
    if (!learning[field]) continue;
    nodes.push({ type: 'heading', depth: sub, children: [text(HEADINGS[field])] }, ...fieldNodes(learning[field], sub));
  }
  return nodes;
}

export function learningMarkdown(learning: LearningWithArea, publicBase: string): string {
  return toMarkdown({ type: 'root', children: learningNodes(learning, 1, publicBase) } satisfies Root);
}

export function libraryMarkdown(learnings: LearningWithArea[], publicBase: string): string {
  const children: RootContent[] = [{ type: 'heading', depth: 1, children: [text('Learnings')] }];
  for (const learning of learnings) children.push(...learningNodes(learning, 2, publicBase));
  return toMarkdown({ type: 'root', children });
}

const toHtml = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

/** A learning's fields as sanitized HTML, for a feed reader. */
export function learningHtml(learning: LearningWithArea): string {
  const root: Root = { type: 'root', children: learningNodes(learning, 1, '').slice(2) };
  return toHtml.stringify(toHtml.runSync(root));
}
