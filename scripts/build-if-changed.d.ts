/** See build-if-changed.js. */
export interface Build {
  readonly script: string;
  readonly inputs: readonly string[];
  readonly output: string;
}
export declare const API_MAIN: string;
export declare const BUILDS: readonly Build[];
export declare function ensureBuilt(options?: {
  readonly root?: string;
  readonly builds?: readonly Build[];
  readonly log?: (message: string) => void;
}): Promise<void>;
