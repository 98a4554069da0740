import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';

// People paste anything into a timeline, and everybody on the problem renders it. Three layers keep
// it inert: raw HTML is dropped (skipHtml), the tree is sanitized (rehype-sanitize's GitHub schema:
// no script, iframe, style or on* attributes), and URLs other than http(s), mailto and relative ones
// (javascript:, data:, vbscript:…) are emptied by the URL transform.
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  // An image would fetch whatever URL somebody wrote (and the CSP refuses most): show the link instead.
  img: ({ src, alt }) => (typeof src === 'string' && src ? <a href={src} target="_blank" rel="noopener noreferrer">{alt || src}</a> : null),
};

function safeUrl(url: string): string {
  const transformed = defaultUrlTransform(url);
  return /^\s*(javascript|data|vbscript):/i.test(transformed) ? '' : transformed;
}

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown skipHtml rehypePlugins={[rehypeSanitize]} urlTransform={safeUrl} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
