import type { Coding, Source, Speaker } from '@entente/domain';
import { Fragment } from 'preact';
import type { Actor, ReportView } from '../api/types';
import { actorName, formatOccurred } from '../view/format';

interface Props {
  readonly data: ReportView;
  readonly actors: ReadonlyMap<string, Actor>;
}

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/** What a report says and where it comes from; the fields of later schema versions when present. */
export function ReportDetails({ data, actors }: Props) {
  return (
    <>
      <p class="summary">{data.summary}</p>
      <dl class="fields">
        <dt>Who</dt>
        <dd>
          {data.actors.map((code) => actorName(actors, code)).join(', ')}
          {data.targets.length > 0 &&
            ` → ${data.targets.map((code) => actorName(actors, code)).join(', ')}`}
        </dd>
        <dt>Channel</dt>
        <dd>{data.channel ?? 'the pair as a whole'}</dd>
        <dt>Occurred</dt>
        <dd>{formatOccurred(data.occurredAt)}</dd>
        {data.conditions.length > 0 && (
          <>
            <dt>Conditions</dt>
            <dd>{data.conditions.join('; ')}</dd>
          </>
        )}
        {data.speaker && (
          <>
            <dt>Speaker</dt>
            <dd>{speakerWords(data.speaker, actors)}</dd>
          </>
        )}
        {data.figure && (
          <>
            <dt>Figure</dt>
            <dd>
              {data.figure.value} {data.figure.unit}: {data.figure.description}
              {data.figure.period && ` (${data.figure.period.from} to ${data.figure.period.to})`}
            </dd>
          </>
        )}
        {(['actor', 'target'] as const).map((side) => {
          const role = data[`${side}Role`];
          const agent = data[`${side}Agent`];
          if (!role && !agent) return null;
          return (
            <Fragment key={side}>
              <dt>{side === 'actor' ? 'Acting side' : 'Receiving side'}</dt>
              <dd data-field={`${side}Role`}>
                {[role, agent && [agent.name, agent.office].filter(Boolean).join(', ')]
                  .filter(Boolean)
                  .join(': ')}
              </dd>
            </Fragment>
          );
        })}
        {data.evidence !== undefined && (
          <>
            <dt>Evidence</dt>
            <dd data-field="evidence">{data.evidence}</dd>
          </>
        )}
        {data.reportedAt !== undefined && (
          <>
            <dt>First reported</dt>
            <dd data-field="reportedAt">{data.reportedAt ?? 'when it was recorded'}</dd>
          </>
        )}
      </dl>
      {data.coding && <CodingDetails coding={data.coding} />}
      <h3>Sources</h3>
      <ol class="sources">
        {data.sources.map((source, i) => (
          <li key={i}>
            <SourceLine source={source} />
          </li>
        ))}
      </ol>
    </>
  );
}

function SourceLine({ source }: { readonly source: Source }) {
  const name = source.outlet ?? source.url ?? source.kind;
  return (
    <>
      <span class="source-kind">{source.kind}</span>{' '}
      {source.url && isWebLink(source.url) ? (
        <a href={source.url} target="_blank" rel="noopener noreferrer">
          {name} ({source.url})
        </a>
      ) : (
        <span>{name}</span>
      )}
      {source.publishedAt && <span class="published">, published {source.publishedAt}</span>}
      {source.quote && <blockquote>{source.quote}</blockquote>}
    </>
  );
}

/** A machine-coded row's coding, field by field, as the API gives it. */
function CodingDetails({ coding }: { readonly coding: Coding }) {
  const fields = Object.entries(coding).filter(
    ([, value]) => value !== null && !(Array.isArray(value) && value.length === 0),
  );
  return (
    <>
      <h3>Coding</h3>
      <dl class="fields coding" data-field="coding">
        {fields.map(([name, value]) => (
          <Fragment key={name}>
            <dt>{name}</dt>
            <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>
          </Fragment>
        ))}
      </dl>
    </>
  );
}

function speakerWords(speaker: Speaker, actors: ReadonlyMap<string, Actor>): string {
  if ('code' in speaker) {
    const actor = actors.get(speaker.code);
    return actor?.office
      ? `${actorName(actors, speaker.code)}, ${actor.office}`
      : actorName(actors, speaker.code);
  }
  return [speaker.name, speaker.office, speaker.affiliation].filter(Boolean).join(', ');
}
