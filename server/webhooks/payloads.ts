import type { WebhookFormat } from '../../shared/webhooks.ts';

/** What a chat alert says, read defensively from an event's data (fields it does not know are ignored). */
export interface Alert {
  kind: 'raised' | 'escalated';
  number: number;
  title: string;
  level: 'help' | 'stop';
  areaName: string;
  pulledBy: string;
  problemUrl: string;
}

const LEVEL_WORDS = { help: 'Help', stop: 'STOP' } as const;
// Colours a chat tool shows beside the message: a Stop pull is red, a Help pull amber.
const LEVEL_COLOURS = { help: '#f2b01e', stop: '#d7263d' } as const;

function headline(alert: Alert): string {
  const icon = alert.level === 'stop' ? '🛑' : '🟡';
  const what = alert.kind === 'escalated' ? 'Escalated' : alert.level === 'stop' ? 'STOP pulled' : 'Help pulled';
  return `${icon} ${what} in ${alert.areaName}: #${alert.number} ${alert.title}`;
}

/** Escapes what Slack and Mattermost read as markup (&, <, >), so a title cannot forge a link or mention. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fallbackText(alert: Alert): string {
  return `${escapeMrkdwn(headline(alert))} (${LEVEL_WORDS[alert.level]}, pulled by ${escapeMrkdwn(alert.pulledBy)}) ${alert.problemUrl}`;
}

function slack(alert: Alert): unknown {
  const fields = [
    { type: 'mrkdwn', text: `*Area*\n${escapeMrkdwn(alert.areaName)}` },
    { type: 'mrkdwn', text: `*Level*\n${LEVEL_WORDS[alert.level]}` },
    { type: 'mrkdwn', text: `*Pulled by*\n${escapeMrkdwn(alert.pulledBy)}` },
  ];
  return {
    text: fallbackText(alert),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline(alert).slice(0, 150), emoji: true } },
      { type: 'section', fields },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the problem' }, url: alert.problemUrl, ...(alert.level === 'stop' ? { style: 'danger' } : {}) }],
      },
    ],
  };
}

function mattermost(alert: Alert): unknown {
  return {
    text: fallbackText(alert),
    attachments: [{
      fallback: fallbackText(alert),
      color: LEVEL_COLOURS[alert.level],
      title: `#${alert.number} ${alert.title}`,
      title_link: alert.problemUrl,
      fields: [
        { short: true, title: 'Area', value: alert.areaName },
        { short: true, title: 'Level', value: LEVEL_WORDS[alert.level] },
        { short: true, title: 'Pulled by', value: alert.pulledBy },
      ],
    }],
  };
}

function teams(alert: Alert): unknown {
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: headline(alert), weight: 'Bolder', size: 'Medium', wrap: true, color: alert.level === 'stop' ? 'Attention' : 'Warning' },
          { type: 'FactSet', facts: [
            { title: 'Area', value: alert.areaName },
            { title: 'Level', value: LEVEL_WORDS[alert.level] },
            { title: 'Pulled by', value: alert.pulledBy },
          ] },
        ],
        actions: [{ type: 'Action.OpenUrl', title: 'Open the problem', url: alert.problemUrl, ...(alert.level === 'stop' ? { style: 'destructive' } : {}) }],
      },
    }],
  };
}

const CHAT_FORMATS = { slack, mattermost, teams } as const;

/** The body a chat webhook receives for an alert. */
export function chatPayload(format: Exclude<WebhookFormat, 'json'>, alert: Alert): string {
  return JSON.stringify(CHAT_FORMATS[format](alert));
}

/** The body a json webhook receives for any event: the Standard Webhooks shape (type, timestamp, data). */
export function jsonPayload(name: string, at: number, data: unknown, problemUrl: string | null): string {
  return JSON.stringify({ type: name, timestamp: new Date(at).toISOString(), data, ...(problemUrl ? { problemUrl } : {}) });
}

/** What a chat message says when a learning is published, read defensively from the event's data. */
export interface LearningNotice {
  title: string;
  number: number;
  areaName: string;
  learningUrl: string;
}

function learningHeadline(notice: LearningNotice): string {
  return `📘 Learning published in ${notice.areaName}: ${notice.title} (from #${notice.number})`;
}

const LEARNING_FORMATS = {
  slack: (notice: LearningNotice) => ({
    text: `${escapeMrkdwn(learningHeadline(notice))} ${notice.learningUrl}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: learningHeadline(notice).slice(0, 150), emoji: true } },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Read the learning' }, url: notice.learningUrl }] },
    ],
  }),
  mattermost: (notice: LearningNotice) => ({
    text: `${escapeMrkdwn(learningHeadline(notice))} ${notice.learningUrl}`,
    attachments: [{ fallback: learningHeadline(notice), color: '#2b6cb0', title: notice.title, title_link: notice.learningUrl, fields: [{ short: true, title: 'Area', value: notice.areaName }] }],
  }),
  teams: (notice: LearningNotice) => ({
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4',
        body: [{ type: 'TextBlock', text: learningHeadline(notice), weight: 'Bolder', size: 'Medium', wrap: true, color: 'Accent' }],
        actions: [{ type: 'Action.OpenUrl', title: 'Read the learning', url: notice.learningUrl }],
      },
    }],
  }),
} as const;

/** The body a chat webhook receives when one of its area's learnings is published. */
export function learningChatPayload(format: Exclude<WebhookFormat, 'json'>, notice: LearningNotice): string {
  return JSON.stringify(LEARNING_FORMATS[format](notice));
}
