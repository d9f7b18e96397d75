/**
 * Compose-file variable interpolation, the subset Compose documents:
 * `$$` (a literal `$`), `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?error}`, `${NAME?error}`, `${NAME:+replacement}`, `${NAME+replacement}`.
 * `:` variants treat an empty value like an unset one.
 */

export class InterpolationError extends Error {
  override readonly name = 'InterpolationError';
}

const REFERENCE =
  /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function interpolateString(
  text: string,
  env: Readonly<Record<string, string>>,
  missing: Set<string>,
): string {
  return text.replace(
    REFERENCE,
    (
      _match,
      dollar?: string,
      braced?: string,
      colon?: string,
      operator?: string,
      operand?: string,
      bare?: string,
    ) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const value = env[name];
      const isSet = colon ? value !== undefined && value !== '' : value !== undefined;
      switch (operator) {
        case '-':
          return isSet ? (value as string) : (operand ?? '');
        case '+':
          return isSet ? (operand ?? '') : '';
        case '?':
          if (!isSet) missing.add(name);
          return value ?? '';
        default:
          if (value === undefined) missing.add(name);
          return value ?? '';
      }
    },
  );
}

/** Interpolates every string value of a parsed compose document (keys are left alone, as Compose does). */
export function interpolate<T>(document: T, env: Readonly<Record<string, string>>): T {
  const missing = new Set<string>();
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolateString(value, env, missing);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]));
    }
    return value;
  };
  const result = walk(document) as T;
  if (missing.size > 0) {
    throw new InterpolationError(`variables used but not set: ${[...missing].sort().join(', ')}`);
  }
  return result;
}
