import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE } from './problem-details';

/** Node's own answers to requests it cannot parse, each with what to tell the client. */
const ANSWERS: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers-too-large',
    detail: 'the request headers are larger than the server accepts (16 KB in all)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request-timeout',
    detail: 'the request was not received in time',
  },
};

const MALFORMED = { status: 400, code: 'bad-request', detail: 'the request is not valid HTTP' };

/**
 * Requests that fail before Express sees them (headers too large, malformed HTTP) get Node's bare status
 * line and no body; this answers them as problem+json like every other error. The socket is closed after,
 * as Node does: what follows on it cannot be trusted to start a request.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const inProgress = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })
      ._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, detail } = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = problem(status, code, detail);
    const json = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${body.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  });
}
