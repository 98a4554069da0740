/** A link that no longer works: said plainly, with who to ask, never as an error dump. */
export function KioskTurnedOff({ message }: { message: string }) {
  return (
    <div className="kiosk kiosk--off">
      <h1 tabIndex={-1} className="kiosk__title">This pull link does not work</h1>
      <p className="kiosk__message">{message}</p>
      <p className="kiosk__message">If something is wrong right now, tell someone nearby the way you usually would.</p>
    </div>
  );
}
