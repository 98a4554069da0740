// A system notification for an alert, also when the tab is in the background. Through the service
// worker where there is one (Android Chrome only allows it there, and a click then reaches the worker
// even after the tab was closed); with the page's own Notification otherwise.
import type { ProblemAlert } from '../../../shared/alerts.ts';
import { alertHeadline } from './alert-words.ts';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

export async function showAlertNotification(alert: ProblemAlert, open: (path: string) => void): Promise<void> {
  if (notificationPermission() !== 'granted') return;
  const path = `/problems/${alert.problemNumber}`;
  const title = alertHeadline(alert);
  const options: NotificationOptions = {
    body: `${alert.title}\nPulled by ${alert.pulledBy}`,
    tag: `andon-problem-${alert.problemNumber}`,
    // A Stop stays on screen until it is dealt with.
    requireInteraction: alert.level === 'stop',
    data: { path },
  };
  try {
    const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (registration?.active) {
      await registration.showNotification(title, options);
      return;
    }
    const note = new Notification(title, options);
    note.onclick = () => {
      window.focus();
      open(path);
      note.close();
    };
  } catch {
    // A notification is one of three signals; the banner and the sound still go.
  }
}
