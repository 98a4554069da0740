import { describe, expect, it } from 'vitest';
import { sql } from './sql.ts';

describe('sql', () => {
  it('sends values as parameters, with each dialect’s placeholders', () => {
    const query = sql`select * from problems where number = ${42} and title = ${"x'; drop table problems; --"}`;
    expect(query.text('sqlite')).toBe('select * from problems where number = ? and title = ?');
    expect(query.text('postgres')).toBe('select * from problems where number = $1 and title = $2');
    expect(query.values).toEqual([42, "x'; drop table problems; --"]);
  });

  it('inlines fragments with their own parameters, in order', () => {
    const conditions = [sql`status = ${'raised'}`, sql`area_id = ${'a1'}`];
    const query = sql`select id from problems ${sql.where(conditions)} limit ${10}`;
    expect(query.text('postgres')).toBe('select id from problems where status = $1 and area_id = $2 limit $3');
    expect(query.values).toEqual(['raised', 'a1', 10]);
  });

  it('joins a list of parameters and leaves out an empty where', () => {
    const query = sql`select id from problems ${sql.where([])}where id in (${sql.join(['a', 'b', 'c'])})`;
    expect(query.text('sqlite')).toBe('select id from problems where id in (?, ?, ?)');
    expect(query.values).toEqual(['a', 'b', 'c']);
  });
});
