// The few globals shared/ may use: both of its runtimes (the page and Node) provide them.
// Only tsconfig.shared.json includes this file, since shared/ is checked with neither the DOM
// nor the Node types; anything else a shared file reaches for fails that check.
declare var crypto: { getRandomValues<T extends ArrayBufferView | null>(array: T): T };
