import { parseArgs } from 'node:util';
import { EventStoreDbDouble } from '../test/eventstoredb-double';

/**
 * Starts the EventStoreDB gRPC double on its own, plain text on 127.0.0.1, for trying the production
 * path of the API by hand: `npm run eventstoredb:double -- --port 2113`, then start the API with
 * EVENTSTORE_CONNECTION_STRING=esdb://127.0.0.1:2113?tls=false. Data lives in memory until the process
 * ends. It is a test double, not a server: docs/eventstoredb.md says what it leaves out.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      'max-append-size': { type: 'string', default: String(4 * 1024 * 1024) },
    },
  });
  const double = await EventStoreDbDouble.start({
    port: Number(values.port),
    host: values.host,
    maxAppendSize: Number(values['max-append-size']),
  });
  console.log(`EventStoreDB double listening on ${double.host}:${double.port}`);
  console.log(`EVENTSTORE_CONNECTION_STRING=${double.connectionString}`);
  const stop = async () => {
    await double.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
