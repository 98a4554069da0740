import { useState } from 'react';
import type { Area } from '../../../shared/areas.ts';
import { useAreas } from '../areas/areas-store.ts';

export interface AreaChoiceState {
  /** The areas a section can be about: archived ones take no new pulls. */
  live: Area[];
  /** The chosen area's slug: the first live area until someone picks another; '' while there is none. */
  area: string;
  choose: (slug: string) => void;
}

/** Which area a per-area settings section (integrations, pull links, webhooks) shows. */
export function useAreaChoice(): AreaChoiceState {
  const { areas } = useAreas();
  const live = areas.filter((a) => !a.archived);
  const [slug, setSlug] = useState('');
  return { live, area: slug || live[0]?.slug || '', choose: setSlug };
}

/** The Area field of such a section; `onChoose` also clears what the section showed for the area before. */
export function AreaChoice({ id, live, area, onChoose }: { id: string; live: Area[]; area: string; onChoose: (slug: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Area</label>
      <select id={id} value={area} onChange={(e) => onChoose(e.target.value)}>
        {live.map((a) => <option key={a.slug} value={a.slug}>{a.name}</option>)}
      </select>
    </div>
  );
}
