/**
 * A parameterised SQL statement that either database can run. Values are never spliced into the
 * text: `sql\`… where id = ${id}\`` sends `id` as a parameter. A `Sql` value interpolated into
 * another is inlined with its own parameters, so stores can compose optional conditions.
 */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The text with `?` (SQLite) or `$1…$n` (PostgreSQL) placeholders. */
  text(dialect: Dialect): string {
    const cached = dialect === 'sqlite' ? this.sqliteText : this.postgresText;
    if (cached !== undefined) return cached;
    let text = this.strings[0];
    for (let i = 1; i < this.strings.length; i++) text += (dialect === 'sqlite' ? '?' : `$${i}`) + this.strings[i];
    if (dialect === 'sqlite') this.sqliteText = text;
    else this.postgresText = text;
    return text;
  }

  private sqliteText: string | undefined;
  private postgresText: string | undefined;
}

export type Dialect = 'sqlite' | 'postgres';

// The text of a template call site never changes: flatten it once, not on every call.
const flatTemplates = new WeakMap<TemplateStringsArray, readonly string[]>();

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  if (!values.some((value) => value instanceof Sql)) {
    let flat = flatTemplates.get(strings);
    if (!flat) flatTemplates.set(strings, (flat = [...strings]));
    return new Sql(flat, values);
  }
  const outStrings: string[] = [strings[0]];
  const outValues: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      outStrings[outStrings.length - 1] += value.strings[0];
      for (let j = 1; j < value.strings.length; j++) outStrings.push(value.strings[j]);
      outValues.push(...value.values);
      outStrings[outStrings.length - 1] += strings[i + 1];
    } else {
      outValues.push(value);
      outStrings.push(strings[i + 1]);
    }
  });
  return new Sql(outStrings, outValues);
}

/** Text that is part of the statement itself (an identifier, a keyword): never user input. */
sql.raw = (text: string): Sql => new Sql([text], []);

/** `a, b, c` (or with another separator) of fragments or parameters. */
sql.join = (parts: readonly unknown[], separator = ', '): Sql => {
  if (parts.length === 0) return sql.raw('');
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return sql(Object.assign(strings, { raw: strings }), ...parts);
};

/** `where a and b` for the conditions given, or nothing. */
sql.where = (conditions: readonly Sql[]): Sql =>
  conditions.length === 0 ? sql.raw('') : sql`where ${sql.join(conditions, ' and ')}`;
