'use strict';
Object.defineProperty(exports, '__esModule', { value: true });
exports.randomIds = void 0;
exports.sequentialIds = sequentialIds;
const node_crypto_1 = require('node:crypto');
const randomIds = () => (0, node_crypto_1.randomUUID)();
exports.randomIds = randomIds;
/** Deterministic UUID-shaped ids: `00000000-0000-4000-8000-000000000001`, then ...002, and so on. */
function sequentialIds(prefix = '00000000-0000-4000-8000-') {
  let next = 0;
  return () => `${prefix}${(++next).toString(16).padStart(12, '0')}`;
}
//# sourceMappingURL=id-generator.js.map
