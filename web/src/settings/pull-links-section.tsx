import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { PullLink } from '../../../shared/pull-links.ts';
import { PULL_LINK_LABEL_MAX } from '../../../shared/values/pull-links.ts';
import { createPullLink, listPullLinks, revokePullLink } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useAreaList } from '../forms/use-list.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { formatWhen } from '../problems/format-age.ts';
import { AreaChoice, useAreaChoice } from './area-choice.tsx';
import { CopyField } from './copy-field.tsx';
import { PullCard } from './pull-card.tsx';
import './pull-links.css';

const PRINTING_CLASS = 'printing-pull-card';

/** Each area's pull links (a kiosk, a QR sticker): make one, print its card, turn it off. */
export function PullLinksSection() {
  const id = useId();
  const { live, area, choose } = useAreaChoice();
  const { items: links, error: listError, setError: setListError, reload } = useAreaList<PullLink>(area, listPullLinks);
  const [printing, setPrinting] = useState<string | null>(null);
  const { busy, failure, done, submit } = useSubmit();

  // Only the chosen card is printed; the page around it is hidden by the print styles while this class is on.
  useEffect(() => {
    if (printing === null) return;
    document.body.classList.add(PRINTING_CLASS);
    const frame = requestAnimationFrame(() => window.print());
    const after = () => setPrinting(null);
    window.addEventListener('afterprint', after);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', after);
      document.body.classList.remove(PRINTING_CLASS);
    };
  }, [printing]);

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const label = formText(new FormData(formElement), 'label').trim();
    void submit(async () => {
      const link = await createPullLink(area, label ? { label } : {});
      formElement.reset();
      reload();
      return `Pull link made${link.label ? ` for ${link.label}` : ''}: print its card below.`;
    });
  }

  async function turnOff(link: PullLink) {
    const what = link.label || link.url;
    if (!window.confirm(`Turn off the pull link “${what}”? Its QR code and address stop working at once.`)) return;
    try {
      await revokePullLink(area, link.id);
      reload();
    } catch (e) {
      setListError(describeError(e));
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Pull links</h2>
      <p className="muted">
        A link and its QR code let anyone pull into an area without an account: a tablet on a line, a sticker on a machine, a front desk.
      </p>
      <AreaChoice id={`${id}-area`} live={live} area={area} onChoose={choose} />
      <form className="stack settings-form" onSubmit={create}>
        <FormAlert message={failure?.message} />
        <TextField label="Where it is used (optional)" name="label" maxLength={PULL_LINK_LABEL_MAX} hint="e.g. Line 3 tablet. Shown on the kiosk, on the card and as who pulled." error={failure?.fields.label} />
        <button type="submit" className="button button--primary" disabled={busy || !area}>Make pull link</button>
        <p role="status" className="muted">{done}</p>
      </form>
      <FormAlert message={listError} />
      {links && links.length === 0 && <p className="muted">No pull links for this area.</p>}
      {links && links.length > 0 && (
        <ul className="token-list" aria-label="Pull links">
          {links.map((link) => (
            <li key={link.id} className="token-row pull-link-row">
              <div className="pull-link-row__about">
                <strong>{link.label || 'Pull link'}</strong>{' '}
                {link.revokedAt && <span className="badge badge--late">Turned off {formatWhen(link.revokedAt)}</span>}
                <p className="muted">
                  Made {formatWhen(link.createdAt)}; {link.lastPulledAt ? `last pull ${formatWhen(link.lastPulledAt)}` : 'no pulls yet'}.
                </p>
                {!link.revokedAt && <CopyField label={`Address of ${link.label || 'this pull link'}`} value={link.url} />}
                {!link.revokedAt && (
                  <div className="area-row__buttons">
                    <button type="button" className="button button--small" onClick={() => setPrinting(link.id)}>Print card</button>
                    <button type="button" className="button button--danger button--small" onClick={() => void turnOff(link)} aria-label={`Turn off pull link ${link.label || link.code}`}>Turn off</button>
                  </div>
                )}
              </div>
              {!link.revokedAt && <PullCard link={link} printing={printing === link.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
