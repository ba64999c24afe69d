import type { RecordEventInput, RegisterActorInput } from '@entente/domain';
import { refusalsOf, type RefusalReport } from '../pipeline/batch-refusals';
import { ItemsRefused, type FactSink, type RecordOutcome } from '../pipeline/fact-sink';

export interface HttpSinkOptions {
  /** The server's base URL, e.g. http://localhost:3000. */
  readonly api: string;
  /** A recorder key. */
  readonly key: string;
  /** The server's body limit (BODY_LIMIT_BYTES); batches are split to stay under it. */
  readonly maxBodyBytes?: number;
  readonly fetch?: typeof fetch;
  /** Waits between retries of a busy or restarting server. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Thrown when the server cannot take the import at all (down, wrong key): it stops the run. */
export class ServerRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerRefusedError';
  }
}

const BATCH_LIMIT = 500;
const ATTEMPTS = 5;

/** Sends the facts to a running server through `POST /v1/events/batch`, 500 at most a call. */
export class HttpSink implements FactSink {
  readonly maxBatch = BATCH_LIMIT;
  private readonly known = new Set<string>();
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: HttpSinkOptions) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxBodyBytes = Math.floor((options.maxBodyBytes ?? 1024 * 1024) * 0.9);
  }

  async unregistered(codes: readonly string[]): Promise<readonly string[]> {
    const missing: string[] = [];
    for (const code of codes) {
      if (this.known.has(code)) continue;
      const response = await this.call('GET', `/v1/actors/${encodeURIComponent(code)}`);
      if (response.status === 404) missing.push(code);
      else if (response.ok) this.known.add(code);
      else throw await this.failure(response, `GET /v1/actors/${code}`);
    }
    return missing;
  }

  async registerActor(input: RegisterActorInput): Promise<void> {
    const response = await this.call('POST', '/v1/actors', input);
    if (
      response.ok ||
      (response.status === 409 && (await this.unregistered([input.code])).length === 0)
    ) {
      this.known.add(input.code);
      return;
    }
    throw await this.refusalOr(response, [input as unknown as RecordEventInput], 'POST /v1/actors');
  }

  async recordBatch(inputs: readonly RecordEventInput[]): Promise<readonly RecordOutcome[]> {
    const body = JSON.stringify({ events: inputs });
    if (inputs.length > 1 && Buffer.byteLength(body) > this.maxBodyBytes)
      return this.halves(inputs);
    const response = await this.call('POST', '/v1/events/batch', undefined, body);
    if (response.status === 413 && inputs.length > 1) return this.halves(inputs);
    if (!response.ok) throw await this.refusalOr(response, inputs, 'POST /v1/events/batch');
    const { events } = (await response.json()) as { events: { alreadyRecorded?: boolean }[] };
    return events.map((e) => (e.alreadyRecorded ? 'already-stored' : 'stored'));
  }

  async recordAmendment(input: RecordEventInput): Promise<RecordOutcome> {
    const response = await this.call('POST', '/v1/events', input);
    if (!response.ok) throw await this.refusalOr(response, [input], 'POST /v1/events', true);
    const recorded = (await response.json()) as { alreadyRecorded?: boolean };
    return recorded.alreadyRecorded ? 'already-stored' : 'stored';
  }

  /** A batch too large for the body limit goes in two halves, refusals renumbered to the whole. */
  private async halves(inputs: readonly RecordEventInput[]): Promise<readonly RecordOutcome[]> {
    const middle = Math.ceil(inputs.length / 2);
    const parts = [inputs.slice(0, middle), inputs.slice(middle)];
    const outcomes: RecordOutcome[] = [];
    for (const [p, part] of parts.entries()) {
      try {
        outcomes.push(...(await this.recordBatch(part)));
      } catch (error) {
        if (!(error instanceof ItemsRefused)) throw error;
        const offset = p === 0 ? 0 : middle;
        throw new ItemsRefused(new Map([...error.refusals].map(([i, r]) => [i + offset, r])));
      }
    }
    return outcomes;
  }

  /** Retries what a server says is passing (429 with Retry-After, 503) or a dropped connection. */
  private async call(
    method: string,
    path: string,
    json?: unknown,
    body?: string,
  ): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.fetch(`${this.options.api.replace(/\/$/, '')}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.options.key}`,
            ...(json !== undefined || body !== undefined
              ? { 'content-type': 'application/json' }
              : {}),
          },
          body: body ?? (json === undefined ? undefined : JSON.stringify(json)),
        });
        if ((response.status === 429 || response.status === 503) && attempt < ATTEMPTS) {
          const seconds = Number(response.headers.get('retry-after'));
          await response.arrayBuffer();
          await this.sleep(
            Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 500 * attempt,
          );
          continue;
        }
        return response;
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          throw new ServerRefusedError(`${method} ${path}: ${(error as Error).message}`);
        }
        await this.sleep(500 * attempt);
      }
    }
  }

  private async refusalOr(
    response: Response,
    batch: readonly RecordEventInput[],
    what: string,
    single = false,
  ): Promise<Error> {
    const problem = (await response.json().catch(() => ({}))) as RefusalReport;
    if (response.status === 400 || response.status === 409 || (single && response.status === 404)) {
      const reason = response.status === 409 ? ('conflict' as const) : ('invalid' as const);
      const refusals =
        single || batch.length === 1
          ? new Map([[0, { reason, message: problem.detail ?? `${response.status}` }]])
          : refusalsOf(
              { ...problem, code: response.status === 409 ? 'conflict' : problem.code },
              batch,
            );
      if (refusals) return new ItemsRefused(refusals);
    }
    return new ServerRefusedError(
      `${what}: ${response.status} ${problem.detail ?? response.statusText}`,
    );
  }

  private async failure(response: Response, what: string): Promise<Error> {
    const problem = (await response.json().catch(() => ({}))) as RefusalReport;
    return new ServerRefusedError(
      `${what}: ${response.status} ${problem.detail ?? response.statusText}`,
    );
  }
}
