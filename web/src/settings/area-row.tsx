import { useId, useState, type SubmitEvent } from 'react';
import type { Area, UpdateAreaBody } from '../../../shared/areas.ts';
import { NAME_MAX, RESPONSE_TARGET_MAX_MINUTES } from '../../../shared/limits.ts';
import { updateArea } from '../api/endpoints.ts';
import { rememberArea } from '../areas/areas-store.ts';
import { formText } from '../forms/form-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { AreaPeople } from './area-people.tsx';

/** One area: shown as text, edited in place (name and response target), archived or restored. */
export function AreaRow({ area }: { area: Area }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [people, setPeople] = useState(false);
  const { busy, failure, submit } = useSubmit();

  function save(body: UpdateAreaBody) {
    return submit(async () => {
      rememberArea(await updateArea(area.slug, body));
      setEditing(false);
    });
  }

  function saveEdit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void save({ name: formText(form, 'name').trim(), responseTargetMinutes: Number(form.get('target')) });
  }

  return (
    <li className={`area-row${area.archived ? ' area-row--archived' : ''}`}>
      {editing ? (
        <form className="area-row__form" onSubmit={saveEdit} aria-label={`Edit ${area.name}`}>
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} name="name" required maxLength={NAME_MAX} defaultValue={area.name} autoFocus />
          </div>
          <div className="field">
            <label htmlFor={`${id}-target`}>Response target (minutes)</label>
            <input id={`${id}-target`} name="target" type="number" inputMode="numeric" required min={1} max={RESPONSE_TARGET_MAX_MINUTES} defaultValue={area.responseTargetMinutes} />
          </div>
          <div className="area-row__buttons">
            <button type="submit" className="button button--primary button--small" disabled={busy}>
              Save
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="area-row__view">
          <div>
            <strong>{area.name}</strong> <code className="muted">{area.slug}</code>
            {area.archived && <span className="badge badge--archived">Archived</span>}
            <div className="muted">
              Answer within {area.responseTargetMinutes} min{area.description ? ` · ${area.description}` : ''}
              {' · '}
              {area.responders.length ? `Responders: ${area.responders.map((p) => p.name).join(', ')}` : 'No responders'}
              {area.escalation.steps.length ? ` · ${area.escalation.steps.length}-step escalation` : ''}
            </div>
          </div>
          <div className="area-row__buttons">
            <button type="button" className="button button--small" onClick={() => setEditing(true)} aria-label={`Edit ${area.name}`}>
              Edit
            </button>
            <button type="button" className="button button--small" aria-expanded={people} onClick={() => setPeople(!people)} aria-label={`Responders and escalation of ${area.name}`}>
              Responders
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              disabled={busy}
              onClick={() => void save({ archived: !area.archived })}
              aria-label={`${area.archived ? 'Restore' : 'Archive'} ${area.name}`}
            >
              {area.archived ? 'Restore' : 'Archive'}
            </button>
          </div>
        </div>
      )}
      {people && !editing && <AreaPeople area={area} />}
      {failure && (
        <p role="alert" className="field__error">
          {failure.message}
        </p>
      )}
    </li>
  );
}
