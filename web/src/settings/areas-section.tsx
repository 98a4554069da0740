import { useId, type SubmitEvent } from 'react';
import { DESCRIPTION_MAX, NAME_MAX, RESPONSE_TARGET_DEFAULT_MINUTES, RESPONSE_TARGET_MAX_MINUTES, SLUG_MAX, SLUG_PATTERN } from '../../../shared/limits.ts';
import { createArea } from '../api/endpoints.ts';
import { rememberArea, useAreas } from '../areas/areas-store.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { formText } from '../forms/form-text.ts';
import { TextField } from '../forms/text-field.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { AreaRow } from './area-row.tsx';

export function AreasSection() {
  const id = useId();
  const { areas } = useAreas();
  const { busy, failure, done, submit } = useSubmit();

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const slug = formText(form, 'slug').trim();
    const description = formText(form, 'description').trim();
    const target = Number(form.get('responseTargetMinutes'));
    void submit(async () => {
      const area = await createArea({
        name: formText(form, 'name').trim(),
        ...(slug ? { slug } : {}),
        ...(description ? { description } : {}),
        ...(target ? { responseTargetMinutes: target } : {}),
      });
      rememberArea(area);
      formElement.reset();
      return `Area “${area.name}” created.`;
    });
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Areas</h2>
      <p className="muted">Where problems are seen and who answers them. The response target is how soon someone should answer a pull.</p>
      <ul className="area-list">
        {areas.map((area) => (
          <AreaRow key={area.id} area={area} />
        ))}
      </ul>
      <form className="stack settings-form" onSubmit={create} aria-labelledby={`${id}-new`}>
        <h3 id={`${id}-new`}>New area</h3>
        <FormAlert message={failure?.message} />
        <TextField label="Name" name="name" required maxLength={NAME_MAX} error={failure?.fields.name} />
        <TextField
          label="Short name for links (optional)"
          name="slug"
          maxLength={SLUG_MAX}
          pattern={SLUG_PATTERN}
          hint="Lower-case letters, digits and dashes, e.g. checkout-team. Made from the name if left empty."
          error={failure?.fields.slug}
        />
        <TextField label="Description (optional)" name="description" maxLength={DESCRIPTION_MAX} error={failure?.fields.description} />
        <TextField
          label="Response target in minutes"
          name="responseTargetMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={RESPONSE_TARGET_MAX_MINUTES}
          defaultValue={RESPONSE_TARGET_DEFAULT_MINUTES}
          error={failure?.fields.responseTargetMinutes}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          Create area
        </button>
        <p role="status">{done}</p>
      </form>
    </section>
  );
}
