import { usePageTitle } from '../browser/use-page-title.ts';
import { useUser } from '../session/session-context.tsx';
import { AreasSection } from '../settings/areas-section.tsx';
import { IntegrationsSection } from '../settings/integrations-section.tsx';
import { InvitesSection } from '../settings/invites-section.tsx';
import { PeopleSection } from '../settings/people-section.tsx';
import { PullLinksSection } from '../settings/pull-links-section.tsx';
import { TokensSection } from '../settings/tokens-section.tsx';
import { WebhooksSection } from '../settings/webhooks-section.tsx';

export function SettingsPage() {
  usePageTitle('Settings');
  const user = useUser();
  if (user.role !== 'admin') {
    return (
      <div className="narrow">
        <h1 tabIndex={-1}>Settings</h1>
        <p>Only admins can change settings. Ask an admin of your Andon if something needs changing.</p>
      </div>
    );
  }
  return (
    <div className="settings-page">
      <h1 tabIndex={-1}>Settings</h1>
      <AreasSection />
      <PeopleSection />
      <InvitesSection />
      <TokensSection />
      <WebhooksSection />
      <IntegrationsSection />
      <PullLinksSection />
    </div>
  );
}
