import { Injectable, Logger } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ROLES, type ApiKey, type Role } from '../config/app-config';

/** Who is calling, as the API key says: `name` is what `recordedBy` records. */
export interface Principal {
  readonly role: Role;
  readonly name: string;
}

/**
 * The keys the API accepts: those of API_KEYS, or, when none are configured, one per role generated on
 * first start, kept in the data directory (readable by its owner only) and printed once.
 */
@Injectable()
export class ApiKeyStore {
  private readonly logger = new Logger('ApiKeys');
  private readonly keys: readonly ApiKey[];

  constructor(config: AppConfig) {
    this.keys =
      config.apiKeys.length > 0
        ? config.apiKeys
        : this.generatedKeys(config.dataDir, config.logLevel !== 'silent');
  }

  /** The principal of an `Authorization: Bearer <key>` header; undefined for anything else. */
  principalOf(authorization: string | undefined): Principal | undefined {
    const [scheme, key] = (authorization ?? '').split(' ');
    return scheme?.toLowerCase() === 'bearer' && key ? this.principalFor(key) : undefined;
  }

  /** The principal for a presented key, compared in constant time; undefined for an unknown key. */
  principalFor(presented: string): Principal | undefined {
    const candidate = Buffer.from(presented);
    const match = this.keys.find((k) => {
      const known = Buffer.from(k.key);
      return known.length === candidate.length && timingSafeEqual(known, candidate);
    });
    return match ? { role: match.role, name: match.name } : undefined;
  }

  private generatedKeys(dataDir: string, announce: boolean): ApiKey[] {
    const file = join(dataDir, 'api-keys.json');
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { keys: ApiKey[] }).keys;
    const keys = ROLES.map((role) => ({
      role,
      name: role,
      key: randomBytes(24).toString('base64url'),
    }));
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
    this.logger.warn(`No API_KEYS configured: generated one key per role, kept in ${file}`);
    // Once, on the terminal that started the server, and never through the log pipeline.
    if (!announce) return keys;
    process.stderr.write(
      `\nEntente generated API keys (kept in ${file}; shown this once):\n` +
        keys.map((k) => `  ${k.role.padEnd(8)} ${k.key}`).join('\n') +
        '\nSend one as: Authorization: Bearer <key>\n\n',
    );
    return keys;
  }
}
