import { useId } from 'react';
import type { Presence, Problem } from '../../../shared/problems.ts';
import { isOpenStatus } from '../../../shared/status-lifecycle.ts';
import { joinSwarm, leaveSwarm, setLead } from '../api/endpoints.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { useUser } from '../session/session-context.tsx';

interface SwarmPanelProps {
  problem: Problem;
  present: Presence['people'];
  onUpdated: (problem: Problem) => void;
}

/** Who is working the problem, who leads, who is looking at it now; join, leave, take or hand over the lead. */
export function SwarmPanel({ problem, present, onUpdated }: SwarmPanelProps) {
  const id = useId();
  const me = useUser();
  const { busy, failure, done, submit } = useSubmit();
  const inSwarm = problem.swarm.some((m) => m.id === me.id);
  const iLead = problem.lead?.id === me.id;
  const presentIds = new Set(present.map((p) => p.id));
  const watching = present.filter((p) => !problem.swarm.some((m) => m.id === p.id));

  const act = (send: () => Promise<Problem>, said: (p: Problem) => string) =>
    void submit(async () => {
      const updated = await send();
      onUpdated(updated);
      return said(updated);
    });

  return (
    <section aria-labelledby={`${id}-title`} className="problem-page__section swarm-panel">
      <h2 id={`${id}-title`}>Swarm</h2>
      {problem.swarm.length === 0 ? (
        <p className="muted">Nobody has joined yet.</p>
      ) : (
        <ul className="swarm-list" aria-label="In the swarm">
          {problem.swarm.map((member) => (
            <li key={member.id} className="swarm-list__member">
              <span className="swarm-list__name">{member.name}</span>
              {problem.lead?.id === member.id && <span className="badge badge--lead">★ Lead</span>}
              {presentIds.has(member.id) && <span className="badge badge--present">● Here now</span>}
              {iLead && member.id !== me.id && (
                <button type="button" className="button button--small" disabled={busy}
                  onClick={() => act(() => setLead(problem.number, member.id), (p) => `${p.lead?.name} now leads the swarm.`)}>
                  Hand the lead to {member.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {watching.length > 0 && (
        <p className="swarm-watching">
          <span className="visually-hidden">Also looking at this problem: </span>
          <span aria-hidden="true">👁 </span>Looking now: {watching.map((p) => p.name).join(', ')}
        </p>
      )}
      <div className="problem-actions__buttons">
        {inSwarm ? (
          <button type="button" className="button" disabled={busy}
            onClick={() => act(() => leaveSwarm(problem.number), () => 'You left the swarm.')}>
            Leave the swarm
          </button>
        ) : (
          isOpenStatus(problem.status) && (
            <button type="button" className="button button--primary" disabled={busy}
              onClick={() => act(() => joinSwarm(problem.number), (p) => (p.lead?.id === me.id ? 'You joined the swarm and lead it.' : 'You joined the swarm.'))}>
              Join the swarm
            </button>
          )
        )}
        {inSwarm && !iLead && (
          <button type="button" className="button" disabled={busy}
            onClick={() => act(() => setLead(problem.number, me.id), () => 'You lead the swarm now.')}>
            Take the lead
          </button>
        )}
      </div>
      <FormAlert message={failure?.message} />
      <p role="status" className="problem-actions__done">{done}</p>
    </section>
  );
}
