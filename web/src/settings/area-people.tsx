import { useId, useState } from 'react';
import type { Area } from '../../../shared/areas.ts';
import type { Person } from '../../../shared/escalation.ts';
import { ESCALATION_REPEAT_MAX, ESCALATION_STEPS_MAX, ESCALATION_WAIT_MAX_MINUTES } from '../../../shared/values/escalation.ts';
import { listPeople, setEscalation, setResponders } from '../api/endpoints.ts';
import { rememberArea } from '../areas/areas-store.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useOrganisationList } from '../forms/use-list.ts';
import { useSubmit } from '../forms/use-submit.ts';

interface DraftStep {
  userIds: string[];
  waitMinutes: number;
}

const toggle = (ids: string[], id: string) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);

/** Who answers an area's pulls first, and whom to reach, step by step, when nobody does. */
export function AreaPeople({ area }: { area: Area }) {
  const id = useId();
  const { items: people, error: loadError } = useOrganisationList<Person>(listPeople);
  const [responders, setResponderIds] = useState(() => area.responders.map((p) => p.id));
  const [steps, setSteps] = useState<DraftStep[]>(() => area.escalation.steps.map((s) => ({ userIds: s.users.map((u) => u.id), waitMinutes: s.waitMinutes })));
  const [repeat, setRepeat] = useState(area.escalation.repeat);
  const { busy, failure, done, submit } = useSubmit();

  const save = () =>
    submit(async () => {
      // The path first: a responder who takes themselves off the responders may no longer edit it after.
      await setEscalation(area.slug, { steps, repeat });
      rememberArea(await setResponders(area.slug, { userIds: responders }));
      return 'Responders and escalation path saved.';
    });

  if (loadError) return <p role="alert" className="field__error">Could not load people: {loadError}</p>;
  if (!people) return <p className="muted">Loading people…</p>;

  const checkboxes = (chosen: string[], onToggle: (userId: string) => void, label: string) => (
    <fieldset className="checkbox-list">
      <legend>{label}</legend>
      {people.map((person) => (
        <label key={person.id}>
          <input type="checkbox" checked={chosen.includes(person.id)} onChange={() => onToggle(person.id)} /> {person.name}
        </label>
      ))}
    </fieldset>
  );

  return (
    <div className="area-people" aria-label={`Responders and escalation of ${area.name}`} role="group">
      <FormAlert message={failure?.message} />
      {checkboxes(responders, (userId) => setResponderIds((ids) => toggle(ids, userId)), 'Responders (alerted at once)')}
      <h4>Escalation path</h4>
      <p className="muted">When nobody has joined within the response target, step 1 is alerted; each step is given its wait before the next. A step with nobody in it is skipped.</p>
      {steps.map((step, i) => (
        <div className="escalation-step" key={i}>
          {checkboxes(step.userIds, (userId) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, userIds: toggle(s.userIds, userId) } : s))), `Step ${i + 1}`)}
          <label htmlFor={`${id}-wait-${i}`}>Wait (minutes) </label>
          <input
            id={`${id}-wait-${i}`} type="number" inputMode="numeric" min={1} max={ESCALATION_WAIT_MAX_MINUTES} value={step.waitMinutes}
            onChange={(e) => setSteps((all) => all.map((s, j) => (j === i ? { ...s, waitMinutes: Number(e.target.value) } : s)))}
          />{' '}
          <button type="button" className="button button--quiet button--small" onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}>
            Remove step {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button" className="button button--small" disabled={steps.length >= ESCALATION_STEPS_MAX}
        onClick={() => setSteps((all) => [...all, { userIds: [], waitMinutes: 5 }])}
      >
        Add a step
      </button>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>Run the path again (times)</label>
        <input id={`${id}-repeat`} type="number" inputMode="numeric" min={0} max={ESCALATION_REPEAT_MAX} value={repeat} onChange={(e) => setRepeat(Number(e.target.value))} />
      </div>
      <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void save()}>
        Save responders and path
      </button>
      <p role="status">{done}</p>
    </div>
  );
}
