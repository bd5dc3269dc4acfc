/** Small builders for command replies. */
import { code, notePost, text, type Post, type Rich } from "../post.js";

export function errorReply(problem: string, example?: string): Post {
  const paragraphs: Rich[] = [[text(problem)]];
  if (example) paragraphs.push([text("Example: "), code(example)]);
  return notePost("That didn't work", paragraphs, { isError: true });
}

export function okReply(title: string, ...paragraphs: Rich[]): Post {
  return notePost(title, paragraphs);
}

export const MANAGERS_ONLY = "Only channel managers can change this channel's subscriptions and settings.";
