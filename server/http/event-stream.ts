import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

/** A server-sent event stream on a hijacked reply. */
export interface EventStream {
  send(event: string, data: unknown): void;
  /** Sends data that is already JSON text (one line). */
  sendJson(event: string, json: string): void;
  end(): void;
  /** True once the client has gone. */
  readonly closed: boolean;
  /** Aborted when the client goes. */
  readonly signal: AbortSignal;
}

/**
 * Takes the reply over and opens a `text/event-stream`. It is written raw, past compression, so
 * each event leaves at once; Fastify ignores what the handler returns afterwards.
 */
export function openEventStream(reply: FastifyReply): EventStream {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  const gone = new AbortController();
  out.on('close', () => gone.abort());
  const sendJson = (event: string, json: string) => {
    if (!gone.signal.aborted) out.write(`event: ${event}\ndata: ${json}\n\n`);
  };
  return {
    send: (event, data) => sendJson(event, JSON.stringify(data)),
    sendJson,
    end: () => out.end(),
    get closed() {
      return gone.signal.aborted;
    },
    signal: gone.signal
  };
}

/** A signal aborted when the client closes the connection before the reply is sent. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded) gone.abort();
  });
  return gone.signal;
}
