import { useId, useRef, useState } from 'react';
import { copyText } from '../browser/copy-text.ts';

/** A read-only value with a Copy button; selecting the text on focus helps where copying is blocked. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>('');

  async function copy() {
    const ok = await copyText(value, inputRef.current);
    setCopied(ok ? 'Copied.' : 'Could not copy automatically: the text is selected, press Ctrl+C (or ⌘C).');
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input ref={inputRef} id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="button button--small" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p role="status" className="muted">
        {copied}
      </p>
    </div>
  );
}
