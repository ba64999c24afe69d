import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord, ProposedEvent } from './in-memory-log';

/** Streams are named by bytes on the wire; the server reads them as UTF-8. */
export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server parses ids into Guids: anything else is refused, and they come back in lower case. */
export function parseUuid(uuid: UUID | undefined): string {
  if (uuid?.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
    bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid?.getString() ?? '';
  if (!UUID_PATTERN.test(text)) throw new Error(`'${text}' is not a valid Guid`);
  return text.toLowerCase();
}

export function uuidAsString(id: string): UUID {
  return new UUID().setString(id);
}

export function proposedEvent(
  id: UUID | undefined,
  metadata: Map<string, string> | { get(key: string): string | undefined },
  data: Uint8Array,
  customMetadata: Uint8Array,
): ProposedEvent {
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (!type || !contentType) throw new Error("Required Metadata Property 'type' is missing");
  return { eventId: parseUuid(id), type, contentType, data, metadata: customMetadata };
}

/** An event as the server sends it in ReadResp: positions, type, content type and creation time. */
export function readEvent(record: LogRecord, uuidOption?: ReadReq.Options.UUIDOption): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(
      uuidOption?.hasStructured() ? structuredUuid(record.eventId) : uuidAsString(record.eventId),
    )
    .setStreamIdentifier(streamIdentifier(record.stream))
    .setStreamRevision(String(record.revision))
    .setCommitPosition(String(record.position))
    .setPreparePosition(String(record.position))
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.created.toString());
  const event = new ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(String(record.position));
  return new ReadResp().setEvent(event);
}

function structuredUuid(id: string): UUID {
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  const structured = new UUID.Structured()
    .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
    .setLeastSignificantBits(bytes.readBigInt64BE(8).toString());
  return new UUID().setStructured(structured);
}
