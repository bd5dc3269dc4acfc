/**
 * Section lines of a digest: `<div id='cs.DC'></div>`, `# cs.DC [[Back]](#toc)`, `# Table of Contents`.
 * Returns the section's category, null for a section that is not a category (the table of contents), or
 * undefined when the line is not a section line after all (it then stays ordinary text).
 */
export function sectionFromLine(line: string): string | null | undefined {
  if (line.startsWith("<div id=")) {
    const id = stripQuotes(line.slice("<div id=".length, line.indexOf(">") === -1 ? undefined : line.indexOf(">")));
    return id === "toc" ? null : isCategory(id) ? id : undefined;
  }
  const body = line.slice(line.startsWith("## ") ? 3 : 2).trim();
  if (body.toLowerCase() === "table of contents") return null;
  const space = body.indexOf(" ");
  const token = space === -1 ? body : body.slice(0, space);
  return isCategory(token) ? token : undefined;
}

function stripQuotes(s: string): string {
  return s.trim().replace(/^['"]/, "").replace(/['"]$/, "");
}

/** arXiv category names: `cs.DC`, `math.AG`, `hep-th`, `q-bio.NC`, `stat.ML`. */
function isCategory(token: string): boolean {
  return token.length > 0 && token.length <= 24 && /^[a-z][a-z-]*(\.[A-Za-z-]+)?$/.test(token);
}
