interface Props {
  readonly channels: readonly string[];
  /** Null: all. */
  readonly selected: readonly string[] | null;
  readonly onChange: (selected: readonly string[] | null) => void;
}

export function ChannelFilter({ channels, selected, onChange }: Props) {
  if (channels.length < 2) return null;
  const isOn = (channel: string) => selected === null || selected.includes(channel);
  const toggle = (channel: string) => {
    const next = channels.filter((c) => (c === channel ? !isOn(c) : isOn(c)));
    onChange(next.length === channels.length ? null : next);
  };
  return (
    <fieldset class="channel-filter">
      <legend>Channels</legend>
      {channels.map((channel) => (
        <label key={channel}>
          <input type="checkbox" checked={isOn(channel)} onChange={() => toggle(channel)} />
          {channel}
        </label>
      ))}
    </fieldset>
  );
}
