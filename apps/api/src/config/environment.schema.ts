import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * The one configuration schema: every setting Entente reads from its environment (or a `.env` file),
 * with its default. Validated once at start-up; nothing else reads the environment.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** Unset: the embedded SQLite store in DATA_DIR. Set: EventStoreDB, e.g. `esdb://host:2113?tls=false`. */
  @IsOptional()
  @IsString()
  @Matches(/^esdb(\+discover)?:\/\//, {
    message:
      'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** `role:key` or `role:name:key`, comma-separated; roles reader, recorder, admin. */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `full`: acknowledged appends survive a power cut. `normal`: they survive a crash of the process. */
  @IsOptional()
  @IsIn(['full', 'normal'])
  SQLITE_DURABILITY: 'full' | 'normal' = 'full';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Requests per key (or per address without a key) per RATE_LIMIT_WINDOW_MS. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT = 6000;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Failed authentications per client address per RATE_LIMIT_WINDOW_MS; then 429 for that address. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_FAILURE_LIMIT = 20;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SSE_HEARTBEAT_MS = 15_000;

  /** Bytes a live client may fall behind by before it is disconnected. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  SSE_BUFFER_LIMIT_BYTES = 1024 * 1024;

  /** The built timeline page (`npm run build:web`), served at `/`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  WEB_DIR = './dist/web';

  /** How long a browser session (`POST /v1/session`) lasts; the page renews it while it is open. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(24 * 60 * 60)
  SESSION_TTL_SECONDS = 900;

  /** Origins allowed to call the API from a browser, comma-separated; unset: none (CORS closed). */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;
}
