/**
 * Counts units of routing work (node expansions, edge evaluations) so that tests can
 * compare the cost of different vehicles without measuring time.
 */
export interface WorkCounter {
  units: number;
}

export function newWorkCounter(): WorkCounter {
  return { units: 0 };
}
