/**
 * Which index keys a compiled alternative guarantees: ALL of them are listed by any paper where it
 * occurs, so a topic may be filed under any one of them (choose-keys.ts picks the rarest).
 */
import type { TopicField } from "../engine/ast.js";
import type { CompiledAlternative } from "../engine/compile.js";
import { authorKey, categoryKey, cjkCharsKey, exampleKey, keyKind, nearKey, pairKey, titleKey } from "./keys.js";
import { forEachCjk } from "../text/text.js";

/** Flexible phrases of at most this many words list `near` keys (index-keys.ts `NEAR_DISTANCE`). */
const MAX_NEAR_WORDS = 3;

/** `field`: the clause's field — title words have keys of their own. */
export function alternativeKeys(alt: CompiledAlternative, field: TopicField | null = null): string[] {
  if (alt.kind === "phrase" && field === "title") return [...new Set(alt.words.map((w) => titleKey(w.stem)))];
  switch (alt.kind) {
    case "phrase": {
      const keys = alt.words.map((w) => w.key);
      if (alt.flexible) {
        // Flexible words need not be neighbours, but in a short phrase every two are near each other.
        if (alt.words.length <= MAX_NEAR_WORDS) {
          for (let i = 0; i < alt.words.length; i++) {
            for (let j = i + 1; j < alt.words.length; j++) keys.push(nearKey(alt.words[i]!.stem, alt.words[j]!.stem));
          }
        }
        return [...new Set(keys)];
      }
      for (let i = 0; i + 1 < alt.words.length; i++) keys.push(pairKey(alt.words[i]!.stem, alt.words[i + 1]!.stem));
      return [...new Set(keys)];
    }
    case "cjk":
      return cjkKeysOf(alt.text);
    case "author":
      return alt.words.map((w) => authorKey(w));
    case "cat":
      return [categoryKey(alt.value, alt.prefix)];
    case "like":
      return [exampleKey(alt.value)];
  }
}

/**
 * CJK keys (as papers list them, see prepare.ts): each CJK character, and each run of two and of three
 * neighbouring CJK characters — a run is far rarer than any of its characters.
 */
export function cjkKeysOf(text: string): string[] {
  const keys = new Set<string>();
  let before = -1;
  let previous = -1;
  forEachCjk(text, (code) => {
    if (code >= 0) {
      keys.add(cjkCharsKey(code));
      if (previous >= 0) keys.add(cjkCharsKey(previous, code));
      if (before >= 0 && previous >= 0) keys.add(cjkCharsKey(before, previous, code));
    }
    before = previous;
    previous = code;
  });
  return [...keys];
}

/** CJK keys of two or three characters (runs) rather than one. */
export function isCjkPair(key: string): boolean {
  if (keyKind(key) !== "cjk") return false;
  const first = key.codePointAt(2)!;
  return key.length > (first > 0xffff ? 4 : 3);
}
