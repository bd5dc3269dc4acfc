/**
 * `*First Author,Second Author*` → names. Only the emphasis wrapper is removed (as many `*` as open the
 * line, at most two, and only if the line closes with as many): names themselves may contain `*` or `_`.
 */
export function parseAuthorsLine(line: string): string[] {
  let s = line.trim();
  // `**` is how the template renders an empty author list.
  if (/^\**$/.test(s)) return [];
  const open = s.startsWith("**") ? 2 : s.startsWith("*") ? 1 : 0;
  let close = 0;
  while (close < open && s.length - close > open && s.charCodeAt(s.length - 1 - close) === 42) close++;
  const wrap = Math.min(open, close);
  if (wrap > 0) s = s.slice(wrap, s.length - wrap);
  return splitAuthors(s);
}

export function splitAuthors(list: string): string[] {
  const names: string[] = [];
  for (const part of list.split(",")) {
    const name = part.trim();
    if (name !== "") names.push(name);
  }
  return names;
}

/** The authors line is the first line after the heading that is wrapped in `*`. */
export function isAuthorsLine(line: string): boolean {
  const s = line.trimEnd();
  return s.length >= 2 && s.charCodeAt(0) === 42 && s.charCodeAt(s.length - 1) === 42;
}
