// Per-draw seeds: a draw's histogram depends only on the base seed, its cell and its index, so results do not
// depend on how draws are split over worker threads.

// FNV-1a hash of a string to 32 bits.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Seed of draw `index` of a cell.
export function drawSeed(baseSeed: number, cellId: string, index: number): number {
  return (fnv1a(`${baseSeed}:${cellId}`) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}
