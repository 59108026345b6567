// Tokens of the .rech language. This file and grammar/words.ts are the only places keywords are spelled.
//
// Two kinds of keywords:
//  - hard keywords (block, model, for, in, if, else, return, true, false, and, or, not) can never be names;
//  - soft keywords (features, user, item, score, train, sparse, sequence, dense) only mean something at the
//    start of a top-level item, a model section or a feature declaration, and are ordinary names elsewhere
//    (a block may have a parameter called `item`, a model header has the parameter `features = ml`).
// Soft keywords and plain identifiers share the token category `Name`; the parser consumes `Name` wherever
// any name is allowed and `Identifier` only where a soft keyword must end a list (feature attributes).
import { createToken, Lexer, type TokenType } from "chevrotain";

export const Name = createToken({ name: "Name", pattern: Lexer.NA, label: "a name" });
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Name],
  label: "a name",
});

function hard(word: string): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1);
  return createToken({ name, pattern: new RegExp(`${word}\\b`), longer_alt: Identifier, label: `'${word}'` });
}
function soft(word: string): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1);
  return createToken({
    name,
    pattern: new RegExp(`${word}\\b`),
    longer_alt: Identifier,
    categories: [Name],
    label: `'${word}'`,
  });
}

// hard keywords
export const Block = hard("block");
export const Model = hard("model");
export const For = hard("for");
export const In = hard("in");
export const If = hard("if");
export const Else = hard("else");
export const Return = hard("return");
export const True = hard("true");
export const False = hard("false");
export const And = hard("and");
export const Or = hard("or");
export const Not = hard("not");

export const hardKeywords: readonly TokenType[] = [Block, Model, For, In, If, Else, Return, True, False, And, Or, Not];

// soft keywords
export const Features = soft("features");
export const User = soft("user");
export const Item = soft("item");
export const Score = soft("score");
export const Train = soft("train");
export const Sparse = soft("sparse");
export const Sequence = soft("sequence");
export const Dense = soft("dense");

// literals
export const FloatLit = createToken({
  name: "FloatLit",
  pattern: /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/,
  label: "a number",
});
export const IntLit = createToken({ name: "IntLit", pattern: /\d+/, label: "a number" });
export const StringLit = createToken({ name: "StringLit", pattern: /"(?:[^"\\\r\n]|\\.)*"/, label: "a string" });
/** A string without its closing quote (up to the end of the line); parse() reports it and treats it as a string. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\.)*\\?/,
  label: "a string",
});

// operator categories: the parser consumes a category, the AST builder reads the token's image
export const CmpOp = createToken({ name: "CmpOp", pattern: Lexer.NA, label: "a comparison" });
export const AddOp = createToken({ name: "AddOp", pattern: Lexer.NA, label: "'+' or '-'" });
export const MulOp = createToken({ name: "MulOp", pattern: Lexer.NA, label: "'*', '/' or '@'" });

// punctuation and operators (longer ones first)
export const EqEq = createToken({ name: "EqEq", pattern: /==/, categories: [CmpOp], label: "'=='" });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/, categories: [CmpOp], label: "'!='" });
export const LessEq = createToken({ name: "LessEq", pattern: /<=/, categories: [CmpOp], label: "'<='" });
export const GreaterEq = createToken({ name: "GreaterEq", pattern: />=/, categories: [CmpOp], label: "'>='" });
export const Less = createToken({ name: "Less", pattern: /</, categories: [CmpOp], label: "'<'" });
export const Greater = createToken({ name: "Greater", pattern: />/, categories: [CmpOp], label: "'>'" });
export const Assign = createToken({ name: "Assign", pattern: /=/, label: "'='" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, categories: [AddOp], label: "'+'" });
export const Minus = createToken({ name: "Minus", pattern: /-/, categories: [AddOp], label: "'-'" });
export const Star = createToken({ name: "Star", pattern: /\*/, categories: [MulOp], label: "'*'" });
export const Slash = createToken({ name: "Slash", pattern: /\//, categories: [MulOp], label: "'/'" });
export const At = createToken({ name: "At", pattern: /@/, categories: [MulOp], label: "'@'" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /]/, label: "']'" });
export const LCurly = createToken({ name: "LCurly", pattern: /{/, label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: /}/, label: "'}'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, label: "';'" });

export const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: Lexer.SKIPPED });

/** Lexer order matters: keywords before Identifier, floats before ints, two-character operators first. */
export const allTokens: TokenType[] = [
  Whitespace,
  Comment,
  Block, Model, For, In, If, Else, Return, True, False, And, Or, Not,
  Features, User, Item, Score, Train, Sparse, Sequence, Dense,
  Identifier,
  Name,
  FloatLit,
  IntLit,
  StringLit,
  UnterminatedString,
  CmpOp, AddOp, MulOp,
  EqEq, NotEq, LessEq, GreaterEq, Less, Greater, Assign,
  Plus, Minus, Star, Slash, At,
  LParen, RParen, LBracket, RBracket, LCurly, RCurly, Comma, Semicolon,
];

/** Built once per process; the lexer holds no per-input state. */
export const rechLexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });
