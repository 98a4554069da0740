import { useId } from 'react';
import type { Member } from '../../../shared/people.ts';
import { listMembers } from '../api/endpoints.ts';
import { useOrganisationList } from '../forms/use-list.ts';
import { useSession, useUser } from '../session/session-context.tsx';
import { MemberRow } from './member-row.tsx';
import './people.css';

/** Admins: everyone with an account, their role and last sign-in; change a role, deactivate, make a reset link. */
export function PeopleSection() {
  const id = useId();
  const you = useUser();
  const { recheck } = useSession();
  const { items: members, setItems: setMembers, error: listError } = useOrganisationList<Member>(listMembers);

  function changed(member: Member) {
    setMembers((list) => list?.map((m) => (m.id === member.id ? member : m)) ?? null);
    // Your own role changed: the header and this page follow who you are now.
    if (member.id === you.id && member.role !== you.role) recheck();
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>People</h2>
      <p className="muted">
        Admins change settings and manage people; members pull, swarm and see the board. There is always at least one admin.
      </p>
      {listError && (
        <p role="alert" className="alert alert--error">
          Could not list people: {listError}
        </p>
      )}
      {members && (
        <ul className="member-list" aria-label="People">
          {members.map((member) => (
            <MemberRow key={member.id} member={member} isYou={member.id === you.id} onChanged={changed} />
          ))}
        </ul>
      )}
    </section>
  );
}
