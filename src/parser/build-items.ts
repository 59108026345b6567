// CST -> AST for top-level items: features sets, blocks, models (with their sections and parameters).
import type { CstNode } from "chevrotain";
import { FEATURE_ATTRIBUTES, SECTION_NAMES, type FeatureKind } from "../../grammar/words.js";
import { diag } from "../diag/diagnostic.js";
import type { Span } from "../diag/span.js";
import type {
  BlockDecl,
  FeatureAttr,
  FeatureDecl,
  FeaturesDecl,
  Item,
  ModelDecl,
  Param,
  Section,
  Setting,
  TowerSectionName,
} from "./ast.js";
import { after, ident, recordOpener, type BuildContext } from "./build-context.js";
import { buildExpr } from "./build-expr.js";
import { buildBody } from "./build-stmt.js";
import { FEATURE_KIND_WORDS, SECTION_WORDS } from "./word-lists.js";
import {
  childNode,
  childNodes,
  childToken,
  nodeEndLine,
  nodeSpan,
  nodeStartLine,
  nodesInOrder,
  tokenSpan,
} from "./cst.js";

export function buildItems(ctx: BuildContext, program: CstNode): Item[] {
  const items: Item[] = [];
  for (const node of nodesInOrder(program, ["featuresDecl", "blockDecl", "modelDecl"])) {
    const span = nodeSpan(ctx.file, node);
    if (!span) continue;
    if (node.name === "featuresDecl") items.push(buildFeatures(ctx, node, span));
    else if (node.name === "blockDecl") items.push(buildBlock(ctx, node, span));
    else items.push(buildModel(ctx, node, span));
  }
  return items;
}

function buildFeatures(ctx: BuildContext, node: CstNode, span: Span): FeaturesDecl {
  const name = ident(ctx, childToken(node, "name"), span);
  recordOpener(ctx, childToken(node, "LCurly"), `features '${name.name}'`, span);
  const features: FeatureDecl[] = [];
  for (const f of childNodes(node, "featureDecl")) {
    const fspan = nodeSpan(ctx.file, f);
    if (fspan) features.push(buildFeature(ctx, f, fspan));
  }
  return { kind: "Features", name, features, span };
}

const KNOWN_ATTRS: ReadonlySet<string> = new Set(FEATURE_ATTRIBUTES);

function buildFeature(ctx: BuildContext, node: CstNode, span: Span): FeatureDecl {
  const kindToken = childToken(node, "kind")!;
  const nameToken = childToken(node, "name");
  const name = ident(ctx, nameToken, span);
  const attrs: FeatureAttr[] = [];
  let lastLine = nameToken?.startLine ?? kindToken.startLine ?? 0;
  for (const a of childNodes(node, "featureAttr")) {
    const keyToken = childToken(a, "key");
    const aspan = nodeSpan(ctx.file, a);
    if (!keyToken || !aspan) continue;
    const key = ident(ctx, keyToken, aspan);
    // An unknown word that starts a new line is a misspelt feature kind, not an attribute: report it and
    // drop the rest of this declaration (it belongs to the misspelt one).
    if ((keyToken.startLine ?? 0) > lastLine && !KNOWN_ATTRS.has(key.name)) {
      ctx.diagnostics.push(diag("RECH1015", key.span, { expected: FEATURE_KIND_WORDS, found: `'${key.name}'` }));
      break;
    }
    const valueNode = childNode(a, "value");
    const value = buildExpr(ctx, valueNode, after(key.span));
    if (valueNode && (nodeStartLine(valueNode) ?? 0) > (keyToken.startLine ?? 0)) {
      ctx.diagnostics.push(diag("RECH1014", key.span, { key: key.name }));
    }
    lastLine = (valueNode && nodeEndLine(valueNode)) ?? keyToken.startLine ?? lastLine;
    attrs.push({ kind: "FeatureAttr", key, value, span: aspan });
  }
  const end = attrs[attrs.length - 1]?.span ?? name.span;
  const declSpan = { ...span, length: end.offset + end.length - span.offset };
  return { kind: "Feature", featureKind: kindToken.image as FeatureKind, name, attrs, span: declSpan };
}

function buildParams(ctx: BuildContext, node: CstNode | undefined, owner: string, ownerSpan: Span): Param[] {
  if (!node) return [];
  recordOpener(ctx, childToken(node, "LParen"), `parameter list of ${owner}`, ownerSpan);
  const params: Param[] = [];
  for (const p of childNodes(node, "param")) {
    const pspan = nodeSpan(ctx.file, p);
    if (!pspan) continue;
    const name = ident(ctx, childToken(p, "name"), pspan);
    const defaultNode = childNode(p, "default");
    const param: Param = { kind: "Param", name, span: pspan };
    if (childToken(p, "Assign")) param.default = buildExpr(ctx, defaultNode, after(pspan));
    params.push(param);
  }
  return params;
}

function buildBlock(ctx: BuildContext, node: CstNode, span: Span): BlockDecl {
  const name = ident(ctx, childToken(node, "name"), after(span));
  const owner = `block '${name.name}'`;
  const params = buildParams(ctx, childNode(node, "params"), owner, span);
  const body = buildBody(ctx, childNode(node, "body"), owner, span);
  return { kind: "Block", name, params, body, span };
}

function buildModel(ctx: BuildContext, node: CstNode, span: Span): ModelDecl {
  const name = ident(ctx, childToken(node, "name"), after(span));
  const owner = `model '${name.name}'`;
  const params = buildParams(ctx, childNode(node, "params"), owner, span);
  recordOpener(ctx, childToken(node, "LCurly"), owner, span);
  const sections: Section[] = [];
  for (const s of nodesInOrder(node, ["towerSection", "scoreSection", "trainSection"])) {
    const sspan = nodeSpan(ctx.file, s);
    const section = sspan ? buildSection(ctx, s, sspan) : undefined;
    if (section) sections.push(section);
  }
  return { kind: "Model", name, params, sections, span };
}

function buildSection(ctx: BuildContext, node: CstNode, span: Span): Section | undefined {
  const keywordToken = childToken(node, "section");
  if (!keywordToken) return undefined;
  const keyword = tokenSpan(ctx.file, keywordToken);
  const sectionName = keywordToken.image;
  if (!(SECTION_NAMES as readonly string[]).includes(sectionName)) {
    ctx.diagnostics.push(diag("RECH1016", keyword, { name: sectionName, expected: SECTION_WORDS }));
    return undefined;
  }
  const owner = `section '${sectionName}'`;
  if (node.name === "trainSection") {
    recordOpener(ctx, childToken(node, "LCurly"), owner, span);
    const settings = childNodes(node, "setting").flatMap((s) => buildSetting(ctx, s));
    return { kind: "Train", keyword, settings, span };
  }
  const body = childNode(node, "body");
  if (node.name === "scoreSection" && !body) {
    return { kind: "ScoreExpr", keyword, value: buildExpr(ctx, childNode(node, "expression"), after(keyword)), span };
  }
  const section = sectionName as TowerSectionName;
  return { kind: "Tower", section, keyword, body: buildBody(ctx, body, owner, span), span };
}

function buildSetting(ctx: BuildContext, node: CstNode): Setting[] {
  const span = nodeSpan(ctx.file, node);
  const keyToken = childToken(node, "key");
  if (!span || !keyToken) return [];
  const key = ident(ctx, keyToken, span);
  const valueNode = childNode(node, "value");
  if (valueNode && (nodeStartLine(valueNode) ?? 0) > (keyToken.startLine ?? 0)) {
    ctx.diagnostics.push(diag("RECH1014", key.span, { key: key.name }));
  }
  return [{ kind: "Setting", key, value: buildExpr(ctx, valueNode, after(key.span)), span }];
}
