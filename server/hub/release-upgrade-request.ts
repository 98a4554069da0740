import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/**
 * @fastify/websocket leaves two paths from a live socket back to its upgrade request: an `error`
 * listener closing over the Fastify request and reply, and the ServerResponse it assigned to the
 * TCP socket. Cutting both lets the request, reply and headers be collected, so an idle connection
 * costs about what a bare `ws` connection costs. The hub adds its own `error` listener.
 */
export function releaseUpgradeRequest(socket: Pick<WebSocket, 'removeAllListeners'>, request: FastifyRequest): void {
  socket.removeAllListeners('error');
  const tcp = request.raw.socket as Socket & { _httpMessage?: ServerResponse | null };
  tcp._httpMessage?.detachSocket(tcp);
}
