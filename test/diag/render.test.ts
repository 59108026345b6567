// The text renderer: header, source line, caret under the span; notes; tabs; end of file; JSON form.
import { describe, expect, it } from "vitest";
import {
  diag,
  diagnosticsToJson,
  excerpt,
  renderDiagnostic,
  renderDiagnostics,
  singleSource,
  sortDiagnostics,
  summaryLine,
  type Span,
} from "../../src/diag/index.js";

const span = (line: number, col: number, offset: number, length: number, file = "m.rech"): Span => ({
  file,
  line,
  col,
  offset,
  length,
});

describe("renderDiagnostic", () => {
  const source = "block f(x) {\n  return y\n}\n";

  it("prints location, severity, code, message, the line and a caret under the span", () => {
    const d = diag("RECH2003", span(2, 10, 22, 1), { name: "y" });
    expect(renderDiagnostic(d, singleSource("m.rech", source))).toBe(
      ["m.rech:2:10: error RECH2003: unknown name 'y'", " 2 |   return y", "   |          ^"].join("\n"),
    );
  });

  it("underlines the whole span with ^~~~", () => {
    const d = diag("RECH1010", span(2, 3, 15, 6), { expected: "'='", found: "'return'" });
    expect(renderDiagnostic(d, singleSource("m.rech", source)).split("\n")[2]).toBe("   |   ^~~~~~");
  });

  it("prints notes after the diagnostic, with their own excerpt when they have a span", () => {
    const d = diag("RECH2001", span(2, 3, 15, 6), { name: "f" }, [
      { message: "'f' is first defined here", span: span(1, 7, 6, 1) },
      { message: "did you mean 'g'?" },
    ]);
    expect(renderDiagnostic(d, singleSource("m.rech", source))).toBe(
      [
        "m.rech:2:3: error RECH2001: duplicate definition of 'f'",
        " 2 |   return y",
        "   |   ^~~~~~",
        "m.rech:1:7: note: 'f' is first defined here",
        " 1 | block f(x) {",
        "   |       ^",
        "note: did you mean 'g'?",
      ].join("\n"),
    );
  });

  it("prints only the header when the source is not available", () => {
    const d = diag("RECH2003", span(2, 10, 22, 1, "other.rech"), { name: "y" });
    expect(renderDiagnostic(d, singleSource("m.rech", source))).toBe("other.rech:2:10: error RECH2003: unknown name 'y'");
  });

  it("renders several diagnostics each ending in a newline, and nothing for none", () => {
    const lookup = singleSource("m.rech", source);
    const ds = [diag("RECH2003", span(2, 10, 22, 1), { name: "y" }), diag("RECH2003", span(2, 10, 22, 1), { name: "z" })];
    const text = renderDiagnostics(ds, lookup);
    expect(text.endsWith("^\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(7);
    expect(renderDiagnostics([], lookup)).toBe("");
  });
});

describe("excerpt", () => {
  it("keeps tabs before the caret so it lines up", () => {
    const [line, caret] = excerpt("\tx = $\n", span(1, 6, 5, 1));
    expect(line).toBe(" 1 | \tx = $");
    expect(caret).toBe("   | \t    ^");
  });

  it("cuts a span that runs past the end of its line at the line's end", () => {
    const [, caret] = excerpt("abc\ndef\n", span(1, 2, 1, 10));
    expect(caret).toBe("   |  ^~");
  });

  it("puts a zero-length span at the end of the file after the last character", () => {
    const [line, caret] = excerpt("return x", span(1, 9, 8, 0));
    expect(line).toBe(" 1 | return x");
    expect(caret).toBe("   |         ^");
  });

  it("handles CRLF line ends", () => {
    const [line, caret] = excerpt("a\r\nbc\r\n", span(2, 2, 4, 1));
    expect(line).toBe(" 2 | bc");
    expect(caret).toBe("   |  ^");
  });

  it("widens the gutter for long line numbers", () => {
    const text = "\n".repeat(99) + "x";
    expect(excerpt(text, span(100, 1, 99, 1))).toEqual([" 100 | x", "     | ^"]);
  });
});

describe("JSON form and helpers", () => {
  it("gives code, severity, message, span and notes with a fixed key order", () => {
    const d = diag("RECH2005", span(1, 12, 11, 1), { name: "x" }, [{ message: "first", span: span(1, 9, 8, 1) }]);
    const json = diagnosticsToJson([d]);
    expect(json).toBe(
      '{"diagnostics":[{"code":"RECH2005","severity":"error","message":"duplicate parameter \'x\'",' +
        '"span":{"file":"m.rech","line":1,"col":12,"offset":11,"length":1},' +
        '"notes":[{"message":"first","span":{"file":"m.rech","line":1,"col":9,"offset":8,"length":1}}]}]}',
    );
    expect(JSON.parse(diagnosticsToJson([d], true))).toEqual(JSON.parse(json));
    expect(diagnosticsToJson([])).toBe('{"diagnostics":[]}');
  });

  it("sorts by file, then position, then code", () => {
    const a = diag("RECH2003", span(2, 1, 20, 1, "b.rech"), { name: "a" });
    const b = diag("RECH2004", span(1, 1, 5, 1, "b.rech"), { name: "b" });
    const c = diag("RECH2003", span(1, 1, 5, 1, "b.rech"), { name: "c" });
    const d = diag("RECH2003", span(9, 1, 90, 1, "a.rech"), { name: "d" });
    expect(sortDiagnostics([a, b, c, d]).map((x) => x.message)).toEqual([
      "unknown name 'd'",
      "unknown name 'c'",
      "unknown function 'b'",
      "unknown name 'a'",
    ]);
  });

  it("summarises counts", () => {
    const e = diag("RECH2003", span(1, 1, 0, 1), { name: "a" });
    expect(summaryLine([])).toBe("no problems");
    expect(summaryLine([e])).toBe("1 error");
    expect(summaryLine([e, e])).toBe("2 errors");
  });
});
