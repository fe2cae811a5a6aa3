export declare const PROJECT_ROOT: string;
/** The bundle `npm start` runs, under `root`. */
export declare function bundlePath(root?: string): string;
/**
 * Why the production bundle under `root` cannot be trusted to hold the current
 * sources (missing, or older than one of them), or undefined when it is up to date.
 */
export declare function bundleStaleness(root?: string): string | undefined;
