import { ValidationError, type Clock, type FieldIssue } from '@entente/common';
import { validateRecordEvent, type RecordEventInput } from '@entente/domain';
import { codesMentioned } from '@entente/recording';
import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CLOCK } from '../common/clock.providers';
import { shapeIssues } from '../common/shape-issues';
import { RecordBatchDto, RecordEventDto } from './record-event.dto';
import { RecordingService } from './recording.service';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

/**
 * Checks a recording body's shape and, when the shape is wrong, its meaning too, so that one answer names
 * every bad field: a client fixing the first does not meet the next one on its second try. A body whose
 * shape is right goes on to the recorder, which checks its meaning against what is stored.
 */
abstract class RecordingBodyPipe implements PipeTransform {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recording: RecordingService,
  ) {}

  protected async issuesOf(dto: object, items: readonly { input: unknown; path: string }[]) {
    const shape = shapeIssues(await validate(dto, OPTIONS));
    if (shape.length === 0) return [];
    const registeredActors = await this.recording.actors.registeredAmong(
      items.flatMap(({ input }) => (isObject(input) ? codesMentioned(input) : [])),
    );
    const meaning = items.flatMap(({ input, path }) =>
      domainIssues(input, { now: this.clock.now(), registeredActors }).map((issue) => ({
        ...issue,
        field: `${path}${issue.field}`,
      })),
    );
    return merged(shape, meaning);
  }

  abstract transform(body: unknown): Promise<unknown>;
}

@Injectable()
export class RecordEventPipe extends RecordingBodyPipe {
  async transform(body: unknown): Promise<RecordEventInput> {
    const issues = await this.issuesOf(plainToInstance(RecordEventDto, body ?? {}), [
      { input: body, path: '' },
    ]);
    if (issues.length > 0) throw ValidationError.of(issues);
    return body as RecordEventInput;
  }
}

@Injectable()
export class RecordBatchPipe extends RecordingBodyPipe {
  async transform(body: unknown): Promise<{ events: RecordEventInput[] }> {
    const events = isObject(body) && Array.isArray(body.events) ? body.events : [];
    const issues = await this.issuesOf(
      plainToInstance(RecordBatchDto, body ?? {}),
      events.map((input: unknown, i: number) => ({ input, path: `events[${i}].` })),
    );
    if (issues.length > 0) throw ValidationError.of(issues);
    return body as { events: RecordEventInput[] };
  }
}

/**
 * What the domain says of a body whose shape is already known to be wrong. A correction's meaning depends
 * on the stored fact it patches, so only the shape is reported for it until the shape is right.
 */
function domainIssues(
  input: unknown,
  context: Parameters<typeof validateRecordEvent>[1],
): FieldIssue[] {
  if (!isObject(input) || input.type === 'EventCorrected') return [];
  try {
    validateRecordEvent(input as unknown as RecordEventInput, context);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    // A value of a shape the domain never expects (the shape check has already named it).
    return [];
  }
}

/** Shape issues first; the domain's add what they do not already cover (the same field or one inside it). */
function merged(shape: readonly FieldIssue[], meaning: readonly FieldIssue[]): FieldIssue[] {
  const covered = (field: string) =>
    shape.some(
      (s) =>
        field === s.field || field.startsWith(`${s.field}.`) || field.startsWith(`${s.field}[`),
    );
  const result = [...shape];
  for (const issue of meaning) {
    if (
      !covered(issue.field) &&
      !result.some((r) => r.field === issue.field && r.message === issue.message)
    ) {
      result.push(issue);
    }
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
