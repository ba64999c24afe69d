/**
 * Named in every imported fact's `coding.crosswalk`. Raise it when a mapping below changes what a row
 * becomes, so that facts mapped by an older version can be found and re-applied as corrections.
 */
export const CROSSWALK_VERSION = 'entente-crosswalk/1';
