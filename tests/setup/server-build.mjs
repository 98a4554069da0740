// Each run builds the server the tests start, as `npm start` does, so no test runs a stale build.
import { buildServer } from '../../scripts/build-server.mjs';

export async function setup() {
  await buildServer();
}
