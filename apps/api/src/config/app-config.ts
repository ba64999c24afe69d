import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { join, resolve } from 'node:path';
import { EnvironmentVariables } from './environment.schema';

export type Role = 'reader' | 'recorder' | 'admin';

export interface ApiKey {
  readonly role: Role;
  /** The principal recorded as `recordedBy`. */
  readonly name: string;
  readonly key: string;
}

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/** The validated, typed configuration that the rest of the app receives by injection. */
export class AppConfig {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly dataDir: string,
    readonly eventStoreConnectionString: string | undefined,
    /** Empty when none are configured: keys are then generated on first start. */
    readonly apiKeys: readonly ApiKey[],
    readonly logLevel: string,
    readonly sqliteDurability: 'full' | 'normal',
    readonly bodyLimitBytes: number,
    readonly rateLimit: {
      readonly limit: number;
      readonly windowMs: number;
      readonly authFailures: number;
    },
    readonly sse: { readonly heartbeatMs: number; readonly bufferLimitBytes: number },
    /** Where the built page is; absent files mean no page at `/`. */
    readonly webDir: string,
    readonly sessionTtlSeconds: number,
    /** Empty: no cross-origin access. */
    readonly corsOrigins: readonly string[],
  ) {}

  get eventStoreFile(): string {
    return join(this.dataDir, 'entente.db');
  }

  get readModelFile(): string {
    return join(this.dataDir, 'read-models.db');
  }
}

export function parseAppConfig(raw: Record<string, unknown>): AppConfig {
  const env = plainToInstance(EnvironmentVariables, blankToUndefined(raw), {
    exposeDefaultValues: true,
  });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) =>
      message.startsWith(e.property) ? message : `${e.property}: ${message}`,
    ),
  );
  const apiKeys = parseApiKeys(env.API_KEYS ?? '', problems);
  const corsOrigins = parseOrigins(env.CORS_ORIGINS ?? '', problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return new AppConfig(
    env.PORT,
    env.HOST,
    resolve(env.DATA_DIR),
    env.EVENTSTORE_CONNECTION_STRING,
    apiKeys,
    env.LOG_LEVEL,
    env.SQLITE_DURABILITY,
    env.BODY_LIMIT_BYTES,
    {
      limit: env.RATE_LIMIT,
      windowMs: env.RATE_LIMIT_WINDOW_MS,
      authFailures: env.AUTH_FAILURE_LIMIT,
    },
    { heartbeatMs: env.SSE_HEARTBEAT_MS, bufferLimitBytes: env.SSE_BUFFER_LIMIT_BYTES },
    resolve(env.WEB_DIR),
    env.SESSION_TTL_SECONDS,
    corsOrigins,
  );
}

export const ROLES: readonly Role[] = ['reader', 'recorder', 'admin'];

function parseApiKeys(spec: string, problems: string[]): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const entry of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parts = entry.split(':');
    const [role, name, key] = parts.length === 2 ? [parts[0], parts[0], parts[1]] : parts;
    if (parts.length < 2 || parts.length > 3 || !ROLES.includes(role as Role)) {
      problems.push(
        `API_KEYS: "${redact(entry)}" is not role:key or role:name:key with a role of ${ROLES.join(', ')}`,
      );
    } else if (!key || key.length < 16) {
      problems.push(`API_KEYS: the key for ${role}:${name} must be at least 16 characters`);
    } else if (keys.some((k) => k.key === key)) {
      problems.push(`API_KEYS: the key for ${role}:${name} is used twice`);
    } else {
      keys.push({ role: role as Role, name, key });
    }
  }
  return keys;
}

/** Exact origins only (`https://host[:port]`): a wildcard would open every reader's data to any site. */
function parseOrigins(spec: string, problems: string[]): string[] {
  const origins = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin)) {
      problems.push(
        `CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.org (scheme, host, optional port)`,
      );
    }
  }
  return origins;
}

function redact(entry: string): string {
  const parts = entry.split(':');
  return parts.length > 1 ? [...parts.slice(0, -1), '***'].join(':') : '***';
}

function blankToUndefined(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined));
}
