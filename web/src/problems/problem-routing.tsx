import { useId, useState, type SubmitEvent } from 'react';
import type { Area } from '../../../shared/areas.ts';
import type { Level, Problem } from '../../../shared/problems.ts';
import { LEVELS } from '../../../shared/values/problems.ts';
import { areaName } from '../areas/areas-store.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { LEVEL_LABEL } from './problem-words.ts';
import { useProblemUpdate } from './use-problem-update.ts';

interface ProblemRoutingProps {
  problem: Problem;
  areas: readonly Area[];
  onUpdated: (problem: Problem) => void;
}

/**
 * Where an open problem belongs and how bad it is can turn out differently from the pull: a Help that
 * must stop the line after all, or a pull made in the wrong area. The area's followers see it move.
 */
export function ProblemRouting({ problem, areas, onUpdated }: ProblemRoutingProps) {
  const id = useId();
  const [level, setLevel] = useState<Level>(problem.level);
  const [area, setArea] = useState(problem.area);
  // A change made here or elsewhere (it arrives live) resets the choices to what the server now says.
  const [shown, setShown] = useState({ level: problem.level, area: problem.area });
  if (shown.level !== problem.level || shown.area !== problem.area) {
    setShown({ level: problem.level, area: problem.area });
    setLevel(problem.level);
    setArea(problem.area);
  }
  const { busy, failure, done, update } = useProblemUpdate(problem.number, onUpdated);
  // Archived areas take no new problems, but the one it is in stays listed.
  const choices = areas.filter((a) => !a.archived || a.slug === problem.area);
  const changed = level !== problem.level || area !== problem.area;

  function save(event: SubmitEvent) {
    event.preventDefault();
    if (!changed || busy) return;
    // useSubmit shows a failure itself: nothing to await here.
    void update(
      { ...(level !== problem.level ? { level } : {}), ...(area !== problem.area ? { area } : {}) },
      (updated) => `#${updated.number} is now a ${LEVEL_LABEL[updated.level]} pull in ${areaName(areas, updated.area)}.`,
    );
  }

  return (
    <form className="routing-form" onSubmit={save} aria-label="Level and area">
      <div className="field field--inline">
        <label htmlFor={`${id}-level`}>Level</label>
        <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as Level)}>
          {LEVELS.map((choice) => (
            <option key={choice} value={choice}>
              {LEVEL_LABEL[choice]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-area`}>Area</label>
        <select id={`${id}-area`} value={area} onChange={(e) => setArea(e.target.value)}>
          {choices.map((a) => (
            <option key={a.slug} value={a.slug}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={!changed || busy}>
        Save level and area
      </button>
      <FormAlert message={failure?.message} />
      <p role="status" className="problem-actions__done">
        {done}
      </p>
    </form>
  );
}
