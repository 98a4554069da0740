// The lifecycle lives in shared/ so the web app offers exactly the moves the server accepts.
export { allowedMoves, canMove } from '../../shared/status-lifecycle.ts';
