/**
 * Channels are open, so a well-formed channel nothing is recorded on is a question with an empty answer,
 * not an error; the answer says so, so that an empty list is not mistaken for "no change" (and a pair
 * with nothing recorded for "all quiet").
 */
export function nothingRecordedNote(
  actor: string,
  target: string,
  recorded: readonly string[],
  channel?: string,
): { note?: string } {
  if (recorded.length === 0) {
    return {
      note: `nothing is recorded for ${actor} -> ${target}; record a fact with POST /v1/events`,
    };
  }
  if (channel !== undefined && !recorded.includes(channel)) {
    return {
      note: `nothing is recorded on channel ${channel} for ${actor} -> ${target}; its channels: ${recorded.join(', ')}`,
    };
  }
  return {};
}
