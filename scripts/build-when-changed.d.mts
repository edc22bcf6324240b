// Types of build-when-changed.mjs (a plain script `npm start` runs without tsx).
export function sourceHash(root?: string): string;
export function buildIsCurrent(root?: string, hash?: string): boolean;
export function writeBuildStamp(root?: string, hash?: string): void;
export function buildWhenChanged(options?: { root?: string; log?: (line: string) => void }): 'current' | 'built';
