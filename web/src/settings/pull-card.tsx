import type { PullLink } from '../../../shared/pull-links.ts';
import { QrCode } from './qr-code.tsx';

/** The code in groups of four, easier to read aloud or to type from the card. */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The card to print and put up by the line: area, "Pull the cord", the QR code, the code and address. */
export function PullCard({ link, printing }: { link: PullLink; printing: boolean }) {
  return (
    <div className={printing ? 'pull-card pull-card--printing' : 'pull-card'}>
      <p className="pull-card__area">{link.areaName}</p>
      {link.label && <p className="pull-card__label">{link.label}</p>}
      <p className="pull-card__title">Pull the cord</p>
      <QrCode className="pull-card__qr" value={link.url} label={`QR code for the pull link of ${link.areaName}${link.label ? `, ${link.label}` : ''}`} />
      <p className="pull-card__how">Scan, then press Stop or Help. No account needed.</p>
      <p className="pull-card__code">
        <span className="pull-card__code-label">Code</span> <code>{groupedCode(link.code)}</code>
      </p>
      <p className="pull-card__url">{link.url}</p>
    </div>
  );
}
