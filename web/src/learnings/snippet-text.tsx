import type { SnippetPart } from '../../../shared/learnings.ts';

/** Search text with the matched words marked: each part is text, so nothing in it is read as HTML. */
export function SnippetText({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}
