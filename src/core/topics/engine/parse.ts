/**
 * Topic text → AST (TOPICS.md grammar). Errors are data with a position and a correct example, so the
 * command replies can say exactly what to fix.
 */
import { TOPIC_FIELDS } from "./ast.js";
import type { ParseResult, TermAlternative, TopicAst, TopicClause, TopicError, TopicErrorCode, TopicField } from "./ast.js";
import { lexTopic } from "./lex.js";
import type { LexToken } from "./lex.js";
import { DEFAULT_TOPIC_LIMITS } from "./limits.js";
import type { TopicLimits } from "./limits.js";
import { hasCjk, tokenize } from "../text/text.js";
import { parseArxivId } from "./like-clause.js";

const FIELD_RE = /^([A-Za-z_]+):/;
const CATEGORY_RE = /^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]*)?\*?$|^[A-Za-z]*\*$/;

class TopicSyntaxError extends Error {
  constructor(readonly topicError: TopicError) {
    super(topicError.message);
  }
}

function fail(code: TopicErrorCode, message: string, position: number, example: string): never {
  throw new TopicSyntaxError({ code, message, position, example });
}

/** Parses one topic (no commas: see `splitTopicList`). */
export function parseTopic(input: string, limits: TopicLimits = DEFAULT_TOPIC_LIMITS): ParseResult {
  const text = input.trim();
  if (text === "") return { ok: false, error: { code: "empty-topic", message: "empty topic", position: 0, example: "kv cache" } };
  if (text.length > limits.maxTopicLength) {
    return {
      ok: false,
      error: {
        code: "topic-too-long",
        message: `topic is ${text.length} characters; the limit is ${limits.maxTopicLength}`,
        position: limits.maxTopicLength,
        example: "llm serving cat:cs.DC",
      },
    };
  }
  const lexed = lexTopic(text);
  if (!lexed.ok) return lexed;
  try {
    const clauses = new Parser(text, lexed.tokens).clauses();
    if (!clauses.some((c) => !c.negated)) {
      return {
        ok: false,
        error: {
          code: "no-positive-clause",
          message: "a topic needs at least one positive clause",
          position: 0,
          example: "diffusion -survey",
        },
      };
    }
    const topic: TopicAst = { text, clauses };
    return { ok: true, topic };
  } catch (error) {
    if (error instanceof TopicSyntaxError) return { ok: false, error: error.topicError };
    throw error;
  }
}

class Parser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: LexToken[],
  ) {}

  clauses(): TopicClause[] {
    const out: TopicClause[] = [];
    while (this.i < this.tokens.length) out.push(this.clause());
    return out;
  }

  private clause(): TopicClause {
    const first = this.tokens[this.i]!;
    const start = first.position;
    if (first.kind === "bar") fail("misplaced-bar", `'|' outside parentheses at ${start + 1}`, start, "(speculative decoding | draft model)");
    if (first.kind === "close") fail("unbalanced-parenthesis", `unbalanced parentheses: ')' at ${start + 1} has no '('`, start, "(a | b)");
    let negated = false;
    let field: TopicField | null = null;
    let head: { text: string; position: number; end: number } | null = null;
    if (first.kind === "word") {
      this.i++;
      let word = first.text;
      let pos = first.position;
      if (word.startsWith("-")) {
        negated = true;
        word = word.slice(1);
        pos++;
      }
      const m = FIELD_RE.exec(word);
      if (m) {
        field = checkField(m[1]!, pos);
        word = word.slice(m[0].length);
        pos += m[0].length;
      }
      if (word !== "") head = { text: word, position: pos, end: first.end };
      else if (this.peek() === undefined || this.peek()!.kind === "bar" || this.peek()!.kind === "close") {
        if (field !== null) fail("missing-term", `'${field}:' needs a term at ${pos + 1}`, pos, `${field}:${exampleFor(field)}`);
        fail("misplaced-operator", `'-' needs a term at ${start + 1}`, start, "diffusion -survey");
      }
    }
    const alternatives = head !== null ? [this.phrase(head, field)] : this.term(field);
    if (field === "cat") for (const alt of alternatives) checkCategory(alt);
    else if (field === "like") for (const alt of alternatives) checkPaperId(alt);
    else for (const alt of alternatives) checkWords(alt);
    const end = this.tokens[this.i - 1]!.end;
    return { negated, field, alternatives, position: start, source: this.text.slice(start, end) };
  }

  /** A term at the current token: quoted, parenthesized, or a bare phrase. */
  private term(field: TopicField | null): TermAlternative[] {
    const tok = this.tokens[this.i]!;
    if (tok.kind === "quote") {
      this.i++;
      if (tok.text.trim() === "") fail("empty-quote", `empty quote at ${tok.position + 1}`, tok.position, '"moe"');
      return [{ text: tok.text, quoted: true, position: tok.position + 1 }];
    }
    if (tok.kind === "open") return this.group(field);
    if (tok.kind === "word") {
      this.i++;
      // An arXiv URL (`like:(https://arxiv.org/abs/… | …)`) starts like a field but is the term.
      if (tok.text.startsWith("-") || (FIELD_RE.test(tok.text) && field !== "like")) {
        fail("misplaced-operator", `'${tok.text}' cannot follow a field or '-' at ${tok.position + 1}`, tok.position, "-title:survey");
      }
      return [this.phrase({ text: tok.text, position: tok.position, end: tok.end }, field)];
    }
    return fail("missing-term", `expected a term at ${tok.position + 1}`, tok.position, "kv cache");
  }

  /** Consecutive bare words form one phrase; a category or a paper id is always a single word. */
  private phrase(head: { text: string; position: number; end: number }, field: TopicField | null): TermAlternative {
    let end = head.end;
    if (field !== "cat" && field !== "like") {
      for (let next = this.peek(); next?.kind === "word" && !startsClause(next.text); next = this.peek()) {
        end = next.end;
        this.i++;
      }
    }
    return { text: this.text.slice(head.position, end), quoted: false, position: head.position };
  }

  private group(field: TopicField | null): TermAlternative[] {
    const open = this.tokens[this.i]!;
    this.i++;
    const alternatives: TermAlternative[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok === undefined) this.unclosed(open.position);
      if (tok.kind === "bar" || tok.kind === "close") {
        fail("empty-alternative", `empty alternative at ${tok.position + 1}`, tok.position, "(speculative decoding | draft model)");
      }
      if (tok.kind === "word" && startsClause(tok.text) && !(field === "like" && !tok.text.startsWith("-"))) {
        fail("misplaced-operator", `'-' and fields go before the parentheses, at ${tok.position + 1}`, tok.position, "-title:(survey | review)");
      }
      alternatives.push(...this.term(field));
      const after = this.peek();
      if (after === undefined) this.unclosed(open.position);
      if (after.kind === "close") {
        this.i++;
        return alternatives;
      }
      if (after.kind !== "bar") fail("misplaced-operator", `expected '|' or ')' at ${after.position + 1}`, after.position, "(a | b)");
      this.i++;
    }
  }

  private unclosed(position: number): never {
    return fail("unclosed-parenthesis", `unbalanced parentheses: '(' at ${position + 1} is never closed`, position, "(speculative decoding | draft model)");
  }

  private peek(): LexToken | undefined {
    return this.tokens[this.i];
  }
}

function startsClause(word: string): boolean {
  return word.startsWith("-") || FIELD_RE.test(word);
}

function checkField(name: string, position: number): TopicField {
  const field = TOPIC_FIELDS.find((f) => f === name.toLowerCase());
  if (field === undefined) {
    fail("unknown-field", `unknown field '${name}' — fields are ${TOPIC_FIELDS.join(", ")}`, position, "title:llm");
  }
  return field;
}

function exampleFor(field: TopicField): string {
  switch (field) {
    case "author":
      return '"song han"';
    case "cat":
      return "cs.AR";
    case "like":
      return "2512.09277";
    default:
      return "llm";
  }
}

function checkWords(alt: TermAlternative): void {
  if (tokenize(alt.text).length === 0 && !hasCjk(alt.text)) {
    fail("no-words", `no letters or digits in '${alt.text}' at ${alt.position + 1}`, alt.position, "kv cache");
  }
}

function checkCategory(alt: TermAlternative): void {
  if (!CATEGORY_RE.test(alt.text.trim())) {
    fail("bad-category", `'${alt.text}' is not a category at ${alt.position + 1}`, alt.position, "cat:cs.AR or cat:cs.*");
  }
}

/** `like:` takes an arXiv id (`2512.09277`, `2512.09277v2`) or an arxiv.org URL. */
function checkPaperId(alt: TermAlternative): void {
  if (parseArxivId(alt.text) === null) {
    fail("bad-paper-id", `'${alt.text}' is not an arXiv id or URL at ${alt.position + 1}`, alt.position, "like:2512.09277");
  }
}
