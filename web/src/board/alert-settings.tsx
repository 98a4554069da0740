import { useId, useState } from 'react';
import { readStored, writeStored } from '../browser/stored-value.ts';
import { canNotify, unlockSound } from './stop-alert.ts';

const SOUND_KEY = 'andon.board.sound';

export function useSoundSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readStored<boolean>(SOUND_KEY, false));
  return [
    on,
    (next: boolean) => {
      if (next) unlockSound();
      writeStored(SOUND_KEY, next);
      setOn(next);
    },
  ];
}

function permissionNow(): NotificationPermission | 'unsupported' {
  return canNotify() ? Notification.permission : 'unsupported';
}

export function AlertSettings({ soundOn, setSoundOn }: { soundOn: boolean; setSoundOn: (on: boolean) => void }) {
  const id = useId();
  const [permission, setPermission] = useState(permissionNow);

  async function askPermission() {
    try {
      setPermission(await Notification.requestPermission());
    } catch {
      setPermission(permissionNow());
    }
  }

  return (
    <div className="alert-settings">
      <div className="check">
        <input id={`${id}-sound`} type="checkbox" checked={soundOn} onChange={(e) => setSoundOn(e.target.checked)} />
        <label htmlFor={`${id}-sound`}>Sound for Stop pulls</label>
      </div>
      {permission === 'default' && (
        <button type="button" className="button button--small" onClick={() => void askPermission()}>
          Allow notifications
        </button>
      )}
      {permission === 'granted' && <span className="muted">Notifications on for Stop pulls</span>}
      {permission === 'denied' && <span className="muted">Notifications are blocked in this browser’s settings</span>}
    </div>
  );
}
