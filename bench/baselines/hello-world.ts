// Baseline for durable raises: Fastify (the product's version) with one POST route that parses the same
// JSON body and answers a small JSON. No schema, no auth, no database, no logging.
import Fastify from 'fastify';

process.on('disconnect', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));

const app = Fastify({ logger: false });
app.post('/api/problems', async (_request, reply) => reply.status(201).send({ ok: true }));
app.get('/healthz', async () => ({ ok: true }));

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send!({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
