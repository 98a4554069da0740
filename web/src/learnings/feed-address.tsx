import { useState } from 'react';
import { createFeedToken, revokeFeedToken } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { CopyField } from '../settings/copy-field.tsx';

/** My feed reader's address (with my feed token, shown once), and revoking it; plus the library as Markdown. */
export function FeedAddress() {
  const [address, setAddress] = useState<string | null>(null);
  const submission = useSubmit();
  const make = () => void submission.submit(async () => {
    const created = await createFeedToken();
    setAddress(`${window.location.origin}${created.path}`);
    return 'A new feed address is ready; any earlier one stopped working.';
  });
  const revoke = () => void submission.submit(async () => {
    await revokeFeedToken();
    setAddress(null);
    return 'Your feed address no longer works.';
  });
  return (
    <details className="feed-address">
      <summary>Follow in a feed reader, or download</summary>
      <p>An Atom feed of published learnings, for your feed reader. Its address holds a token of yours: keep it to yourself. It is shown once.</p>
      {address && <CopyField label="Your feed address" value={address} />}
      <p className="feed-address__actions">
        <button type="button" className="button button--small" disabled={submission.busy} onClick={make}>{address ? 'Make a new address' : 'Make my feed address'}</button>
        <button type="button" className="button button--quiet button--small" disabled={submission.busy} onClick={revoke}>Revoke my feed address</button>
        <a className="button button--quiet button--small" href="/api/learnings/export.md" download>Download the library as Markdown</a>
      </p>
      <FormAlert message={submission.failure?.message} />
      <p role="status" className="muted">{submission.done}</p>
    </details>
  );
}
