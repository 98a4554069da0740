import { useEffect } from 'react';
import type { Delivery, Webhook } from '../../../shared/webhooks.ts';
import { listDeliveries, redeliver } from '../api/endpoints.ts';
import { describeError } from '../api/http.ts';
import { FormAlert } from '../forms/form-alert.tsx';
import { useList } from '../forms/use-list.ts';
import { formatWhen } from '../problems/format-age.ts';

const STATUS_WORDS: Record<Delivery['status'], string> = { pending: 'Retrying', delivered: 'Delivered', failed: 'Failed' };
/** How often the list asks again while a delivery shown is still pending. */
const PENDING_REFRESH_MS = 2_000;

/** A webhook's recent deliveries: what was sent, how it went, and a way to send one again. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const { items: deliveries, error, setError, reload } = useList<Delivery>(webhook.id, listDeliveries);
  // A pending delivery is one in flight or waiting for its next attempt: asked again until it is not,
  // so that "Retrying" turns into how it went without the admin opening the list again.
  useEffect(() => {
    if (!deliveries?.some((delivery) => delivery.status === 'pending')) return;
    const timer = setTimeout(reload, PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [deliveries, reload]);

  async function sendAgain(delivery: Delivery) {
    setError(null);
    try {
      await redeliver(webhook.id, delivery.id);
      reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <div className="webhook-deliveries">
      <FormAlert message={error} />
      {deliveries && deliveries.length === 0 && <p className="muted">Nothing sent yet.</p>}
      {deliveries && deliveries.length > 0 && (
        <table className="delivery-table">
          <thead>
            <tr><th>Event</th><th>Status</th><th>Attempts</th><th>Answer</th><th>Next attempt</th><th /></tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => (
              <tr key={delivery.id}>
                <td>{delivery.event}{delivery.problemNumber ? ` #${delivery.problemNumber}` : ''}</td>
                <td>{STATUS_WORDS[delivery.status]}</td>
                <td>{delivery.attempts}</td>
                <td>{delivery.responseCode ?? '—'}{delivery.error ? <div className="muted">{delivery.error}</div> : null}</td>
                <td>{delivery.nextAttemptAt ? formatWhen(delivery.nextAttemptAt) : '—'}</td>
                <td>
                  {!webhook.disabledAt && delivery.status !== 'pending' && (
                    <button type="button" className="button button--small" onClick={() => void sendAgain(delivery)}>Send again</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
