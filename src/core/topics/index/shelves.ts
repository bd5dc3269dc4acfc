/**
 * Where the index keeps its topics, by key (index-keys.ts): one entry per key a paper lists, and three
 * shelves for CJK runs. Filing and unfiling decode the key once; matching reads the maps directly.
 */
import { decodeOwnKey, encodeKey } from "./keys.js";
import type { IndexKey } from "./keys.js";
import type { TermStats } from "./term-stats.js";
import { cjkPairCode, cjkTripleCode } from "../text/text.js";

/**
 * Everything filed under one key a paper lists (a word stem, title word, author word or category): looked
 * up once per key of each paper. `byCategory`: topics that also need one category (qualified keys);
 * `next`: strict phrases by the stem that follows this one (pair keys); `near`: flexible phrases by the
 * stem within a few words of this one, this being the rarer of the two (near keys).
 */
export interface KeyEntry<S> {
  own: S[] | null;
  byCategory: Map<string, S[]> | null;
  next: Map<string, S[]> | null;
  near: Map<string, S[]> | null;
}

type Shelf = "own" | "byCategory" | "next" | "near";

/** What filing needs of a shelf (a Map is one). */
interface Lists<S> {
  get(name: string | number): S[] | undefined;
  set(name: string | number, list: S[]): void;
  delete(name: string | number): void;
}

/** Where one key's slots are kept; `key`: the entry's key, when the list is in a `KeyEntry`. */
interface Place<S> {
  lists: Lists<S>;
  name: string | number;
  key: string | null;
}

/** Topics (`S`: the index's slots) by key. */
export class Shelves<S> {
  readonly byKey = new Map<string, KeyEntry<S>>();
  /** Filed under one CJK character, by code point: papers list those on demand. */
  readonly byCjkChar = new Map<number, S[]>();
  /** Filed under a pair of neighbouring CJK characters, by `cjkPairCode`. */
  readonly byCjkPair = new Map<number, S[]>();
  /** Filed under three neighbouring CJK characters, by `cjkTripleCode`. */
  readonly byCjkTriple = new Map<number, S[]>();

  /** `stats`: which of two words is rarer (near keys are filed under that one). */
  constructor(private readonly stats: TermStats) {}

  /** Where a key's slots are kept: a list `name` in `lists`, and the entry holding it (for pruning). */
  private place(key: IndexKey, create: boolean): Place<S> | null {
    switch (key.kind) {
      case "cjk":
        if (key.codes.length === 1) return { lists: this.byCjkChar, name: key.codes[0]!, key: null };
        if (key.codes.length === 2) return { lists: this.byCjkPair, name: cjkPairCode(key.codes[0]!, key.codes[1]!), key: null };
        return { lists: this.byCjkTriple, name: cjkTripleCode(key.codes[0]!, key.codes[1]!, key.codes[2]!), key: null };
      case "pair":
        return this.shelf(key.first, "next", key.second, create);
      case "near": {
        // Filed under the rarer stem: papers walk the neighbours of each occurrence of that one.
        const firstRarer = this.stats.frequency(key.first) <= this.stats.frequency(key.second);
        return firstRarer ? this.shelf(key.first, "near", key.second, create) : this.shelf(key.second, "near", key.first, create);
      }
      case "qualified":
        // Only keys a paper lists among its `keys` can be qualified (choose-keys.ts); others stand alone.
        return key.key.kind === "word" || key.key.kind === "title" || key.key.kind === "author" || key.key.kind === "category"
          ? this.shelf(encodeKey(key.key), "byCategory", key.category, create)
          : this.place(key.key, create);
      default:
        return this.shelf(encodeKey(key), "own", "", create);
    }
  }

  private shelf(key: string, shelf: Shelf, name: string, create: boolean): Place<S> | null {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      if (!create) return null;
      entry = { own: null, byCategory: null, next: null, near: null };
      this.byKey.set(key, entry);
    }
    if (shelf === "own") return { lists: new OwnList(entry), name, key };
    let lists = entry[shelf];
    if (lists === null) {
      if (!create) return null;
      lists = entry[shelf] = new Map();
    }
    return { lists, name, key };
  }

  file(key: string, slot: S): void {
    const place = this.place(decodeOwnKey(key), true)!;
    const list = place.lists.get(place.name);
    if (list !== undefined) list.push(slot);
    else place.lists.set(place.name, [slot]);
  }

  unfile(key: string, slot: S): void {
    const place = this.place(decodeOwnKey(key), false);
    const list = place?.lists.get(place.name);
    if (place === null || list === undefined) return;
    const i = list.indexOf(slot);
    if (i >= 0) list.splice(i, 1);
    if (list.length > 0) return;
    place.lists.delete(place.name);
    if (place.key !== null) this.prune(place.key);
  }

  /** Drops what an entry has left empty, and the entry once nothing is filed under its key. */
  private prune(key: string): void {
    const entry = this.byKey.get(key);
    if (entry === undefined) return;
    if (entry.byCategory?.size === 0) entry.byCategory = null;
    if (entry.next?.size === 0) entry.next = null;
    if (entry.near?.size === 0) entry.near = null;
    if (entry.own === null && entry.byCategory === null && entry.next === null && entry.near === null) this.byKey.delete(key);
  }
}

/** The `own` list of an entry, behind the same three calls as every other shelf's Map. */
class OwnList<S> implements Lists<S> {
  constructor(private readonly entry: KeyEntry<S>) {}
  get(): S[] | undefined {
    return this.entry.own ?? undefined;
  }
  set(_name: string | number, list: S[]): void {
    this.entry.own = list;
  }
  delete(): void {
    this.entry.own = null;
  }
}
