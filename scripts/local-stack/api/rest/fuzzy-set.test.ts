// The suggestions PostgREST's own doctests pin (Error.hs noRpcHint, noRelBetweenHint).
import { describe, expect, it } from 'vitest';
import { FuzzySet } from './fuzzy-set.ts';

describe('FuzzySet (the fuzzyset package PostgREST suggests names with)', () => {
  it('suggests the closest function name, or none when nothing is close', () => {
    const functions = new FuzzySet(['test', 'another']);
    expect(functions.getOne('testt')).toBe('test');
    expect(functions.getOne('other')).toBe('another');
    expect(functions.getOne('noclosealternative')).toBeNull();
  });

  it('suggests the closest parameter list among overloads', () => {
    const overloads = new FuzzySet(['(name, param, val)', '(attr, id)']);
    expect(overloads.getOne('(nam, pqaram, vall)')).toBe('(name, param, val)');
    expect(overloads.getOne('(param, val)')).toBe('(name, param, val)');
    expect(overloads.getOne('(attrs, id)')).toBe('(attr, id)');
    expect(overloads.getOne('(id)')).toBe('(attr, id)');
    expect(overloads.getOne('(noclosealternative)')).toBeNull();
  });

  it('scores an exact, case-insensitive match 1 and returns it as added', () => {
    const tables = new FuzzySet(['directors', 'roles', 'Actors']);
    expect(tables.get('actors')).toEqual([[1, 'Actors']]);
    expect(tables.getOne('role')).toBe('roles');
    expect(new FuzzySet(['films']).getOne('film')).toBe('films');
    expect(tables.getOne('noclosealternative')).toBeNull();
  });
});
