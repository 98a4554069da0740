import { useId, useState, type SubmitEvent } from 'react';
import type { Level } from '../../../shared/problems.ts';
import { useAreas } from '../areas/areas-store.ts';
import { askNotificationPermission, notificationPermission } from '../alerts/alert-notification.ts';
import { playOnce, unlockSound } from '../alerts/alert-sound.ts';
import { useAlerts } from '../alerts/alerts-context.tsx';
import { usePageTitle } from '../browser/use-page-title.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { tagsFrom } from '../learnings/learning-words.ts';
import { useUser } from '../session/session-context.tsx';

const PERMISSION_WORDS = {
  granted: 'This browser shows Andon’s notifications.',
  denied: 'Notifications are blocked in this browser’s settings for this site.',
  default: 'This browser has not been asked yet.',
  unsupported: 'This browser cannot show notifications.',
} as const;

function Check({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked: boolean }) {
  const id = useId();
  return (
    <div>
      <div className="check">
        <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} aria-describedby={hint ? `${id}-hint` : undefined} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="muted field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A person's own choices: which areas alert them, and how. */
export function AlertsPage() {
  usePageTitle('Alerts');
  const id = useId();
  const me = useUser();
  const { areas } = useAreas();
  const { preferences, preferencesLoaded, savePreferences, sound } = useAlerts();
  const [permission, setPermission] = useState(notificationPermission);
  const { busy, failure, done, submit } = useSubmit();
  const responding = areas.filter((a) => a.responders.some((p) => p.id === me.id)).map((a) => a.name);

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit(async () => {
      await savePreferences({
        areas: form.getAll('areas').map(String),
        tags: tagsFrom(form.getAll('tags').map(String).join(',')),
        banner: form.has('banner'),
        sound: form.has('sound'),
        notification: form.has('notification'),
      });
      return 'Alert choices saved.';
    });
  }

  function test(level: Level) {
    unlockSound();
    // The click has just unlocked audio; the context resumes a moment later.
    setTimeout(() => playOnce(level), 50);
  }

  return (
    <div className="narrow alerts-page">
      <h1 tabIndex={-1}>Alerts</h1>
      <p>
        A pull alerts the area’s responders, and an escalation the people of its step.{' '}
        {responding.length > 0 ? `You respond in ${responding.join(', ')}.` : 'You are not a responder of any area.'} Follow more areas
        below to be alerted of their pulls too. A learning published in an area you belong to or follow, or with a tag you follow,
        shows a quiet notice.
      </p>
      {!preferencesLoaded && (
        <p role="status" className="muted">
          Loading your alert choices…
        </p>
      )}
      {/* Only once loaded, so a click is never undone by the saved choices arriving after it. */}
      {preferencesLoaded && (
        <form key={JSON.stringify(preferences)} className="stack" onSubmit={save} aria-labelledby={`${id}-how`}>
          <FormAlert message={failure?.message} />
          <fieldset className="stack">
            <legend id={`${id}-how`}>How you are alerted</legend>
            <Check name="banner" label="Banner on every page" defaultChecked={preferences.banner} />
            <Check
              name="sound"
              label="Sound"
              hint="A Help pull chimes once; a Stop pull sounds an alarm until you acknowledge it."
              defaultChecked={preferences.sound}
            />
            <Check
              name="notification"
              label="Browser notification, also when Andon is in the background"
              defaultChecked={preferences.notification}
            />
          </fieldset>
          <fieldset className="stack">
            <legend>Areas you follow</legend>
            {areas
              .filter((a) => !a.archived)
              .map((a) => (
                <div key={a.slug} className="check">
                  <input
                    id={`${id}-area-${a.slug}`}
                    name="areas"
                    value={a.slug}
                    type="checkbox"
                    defaultChecked={preferences.areas.includes(a.slug)}
                  />
                  <label htmlFor={`${id}-area-${a.slug}`}>{a.name}</label>
                </div>
              ))}
          </fieldset>
          <fieldset className="stack">
            <legend>Tags you follow</legend>
            <div className="field">
              <label htmlFor={`${id}-tags`}>Tags</label>
              <p id={`${id}-tags-hint`} className="field__hint">
                A quiet notice tells you when a learning with one of these tags is published, in any area. Separated by commas, e.g.
                database, label-printer.
              </p>
              <input id={`${id}-tags`} name="tags" defaultValue={preferences.tags.join(', ')} aria-describedby={`${id}-tags-hint`} />
            </div>
          </fieldset>
          <button type="submit" className="button button--primary" disabled={busy}>
            Save alert choices
          </button>
          <p role="status" className="muted">
            {done}
          </p>
        </form>
      )}

      <section className="stack alerts-page__browser" aria-labelledby={`${id}-browser`}>
        <h2 id={`${id}-browser`}>This browser</h2>
        <p>
          <strong>Sound:</strong>{' '}
          {sound === 'ready'
            ? 'on — this page may play sounds.'
            : sound === 'blocked'
              ? 'blocked until you click on the page.'
              : 'this browser cannot play it.'}
        </p>
        <div className="alerts-page__buttons">
          <button type="button" className="button" onClick={() => test('help')}>
            Test Help sound
          </button>
          <button type="button" className="button" onClick={() => test('stop')}>
            Test Stop sound
          </button>
        </div>
        <p>
          <strong>Notifications:</strong> {PERMISSION_WORDS[permission]}
        </p>
        {permission === 'default' && (
          <button type="button" className="button" onClick={() => void askNotificationPermission().then(setPermission)}>
            Allow notifications
          </button>
        )}
      </section>
    </div>
  );
}
