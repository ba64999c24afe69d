// `npm start`: the built API, built first when its sources changed since the last build (or never were).
// It runs in this process, so the signals npm forwards (SIGTERM, Ctrl-C's SIGINT) reach the API itself.
const { API_MAIN, ensureBuilt } = require('./build-if-changed');

ensureBuilt().then(
  () => require(API_MAIN),
  (error) => {
    process.stderr.write(`entente: ${error.message}\n`);
    process.exit(1);
  },
);
