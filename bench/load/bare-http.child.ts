/**
 * The machine's own ceiling for the HTTP cases, in its own process: node --import tsx
 * bench/load/bare-http.child.ts. A bare node:http server on a free port of 127.0.0.1 answering every
 * request with /health's body and nothing else (no framework, no routing, no store); prints its port on
 * stdout once listening. Shared machines here vary several times in speed between days, so the API's
 * figures are only comparable across days beside what the same load gets from this in the same run.
 */
import { createServer } from 'node:http';

const BODY = JSON.stringify({ status: 'ok' });

const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(BODY),
  });
  response.end(BODY);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
