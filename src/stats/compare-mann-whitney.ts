// STATS.md §4 "shift": Mann-Whitney U on binned data, where every cell is one tie group.
import { twoSidedNormalP, twoSidedStudentP } from "./special.js";

export interface MannWhitney {
  // Pairs (a, b) with b above a, plus half the pairs in the same cell: large when B sits higher than A.
  u: number;
  // (U - nA nB / 2) / sd, with the tie-corrected variance times the overdispersion factor; positive when B is higher.
  z: number;
  pValue: number;
}

// U_B = sum_k b_k (A_{<k} + a_k / 2); Var = nA nB / 12 ((N + 1) - sum_k (t_k^3 - t_k) / (N (N - 1))) with t_k = a_k + b_k;
// normal approximation without continuity correction. `phi` >= 1 inflates the variance for overdispersed counts; when
// phi is an estimate on `phiDf` degrees of freedom, z is referred to Student's t on phiDf (quasi-likelihood).
export function mannWhitney(a: readonly number[], b: readonly number[], phi = 1, phiDf = Infinity): MannWhitney {
  let nA = 0;
  let nB = 0;
  let below = 0;
  let u = 0;
  let ties = 0;
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const ak = a[k] ?? 0;
    const bk = b[k] ?? 0;
    u += bk * (below + ak / 2);
    below += ak;
    nA += ak;
    nB += bk;
    const t = ak + bk;
    ties += t * t * t - t;
  }
  const n = nA + nB;
  if (nA === 0 || nB === 0 || n < 2) return { u, z: 0, pValue: 1 };
  const variance = ((nA * nB) / 12) * (n + 1 - ties / (n * (n - 1))) * phi;
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const z = (u - (nA * nB) / 2) / Math.sqrt(variance);
  return { u, z, pValue: Number.isFinite(phiDf) ? twoSidedStudentP(z, phiDf) : twoSidedNormalP(z) };
}
