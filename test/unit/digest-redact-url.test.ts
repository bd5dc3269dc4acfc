import { describe, expect, it } from "vitest";
import { redactUrl } from "../../src/core/redact-url.js";

describe("redactUrl", () => {
  it("hides user and password in every URL of a text, keeping the rest", () => {
    expect(redactUrl("https://alice:s3cret@host.example/data/{date}.md")).toBe("https://***@host.example/data/{date}.md");
    expect(redactUrl("http://token@127.0.0.1:8080/x")).toBe("http://***@127.0.0.1:8080/x");
    expect(redactUrl("failed: https://a:b@h/1 then https://c:d@h/2")).toBe("failed: https://***@h/1 then https://***@h/2");
  });

  it("leaves URLs without credentials and an @ in a path alone", () => {
    expect(redactUrl("https://host.example/@user/x.md")).toBe("https://host.example/@user/x.md");
    expect(redactUrl("./seeds")).toBe("./seeds");
  });
});
