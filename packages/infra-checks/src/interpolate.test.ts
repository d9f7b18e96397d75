import { describe, expect, it } from 'vitest';
import { interpolate, interpolateString } from './interpolate';

const env = { PORT: '8080', EMPTY: '', NAME: 'tempo' };
const expand = (text: string) => {
  const missing = new Set<string>();
  return { text: interpolateString(text, env, missing), missing: [...missing] };
};

describe('compose interpolation', () => {
  it('substitutes braced and bare references', () => {
    expect(expand('http://${NAME}:$PORT/ready').text).toBe('http://tempo:8080/ready');
  });

  it('applies defaults, with `:` treating empty as unset', () => {
    expect(expand('${EMPTY:-x}|${EMPTY-x}|${UNSET-x}|${PORT:-x}').text).toBe('x||x|8080');
  });

  it('applies replacements only when set', () => {
    expect(expand('${PORT:+on}|${EMPTY:+on}|${EMPTY+on}|${UNSET+on}').text).toBe('on||on|');
  });

  it('reports unset variables, and required ones that are empty', () => {
    expect(expand('${UNSET}').missing).toEqual(['UNSET']);
    expect(expand('${EMPTY:?must be set}').missing).toEqual(['EMPTY']);
    expect(expand('${EMPTY?must be set}').missing).toEqual([]);
  });

  it('turns $$ into a literal dollar without expanding what follows', () => {
    expect(expand('$$PORT and $${PORT}').text).toBe('$PORT and ${PORT}');
  });

  it('interpolates a whole document and names every missing variable', () => {
    expect(interpolate({ a: ['${PORT}', 1, true], b: { c: '${NAME}' } }, env)).toEqual({
      a: ['8080', 1, true],
      b: { c: 'tempo' },
    });
    expect(() => interpolate({ a: '${ONE}', b: ['${TWO}'] }, env)).toThrow(
      'variables used but not set: ONE, TWO',
    );
  });
});
