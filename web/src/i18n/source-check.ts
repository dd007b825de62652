// Test-only: reads the dashboard's sources with the TypeScript parser to find
// (1) every translation key passed to `t(...)` as a literal, and (2) any text a
// person would read that bypasses `t()`: JSX text, string literals rendered as
// children, and literal values of user-visible attributes. Never imported by the app.
import ts from 'typescript';

export interface Problem {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose value is read or heard by a person. */
const VISIBLE_ATTRIBUTES = new Set(['title', 'alt', 'placeholder', 'label', 'aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext']);

/** Letters of any script; digits, punctuation and symbols alone are fine. */
const HAS_LETTER = /\p{L}/u;

function parse(file: string, source: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The string literals an expression can evaluate to when it is built only of literals and `a ? b : c`. */
function literalStrings(expr: ts.Expression): string[] | null {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isParenthesizedExpression(expr)) return literalStrings(expr.expression);
  if (ts.isConditionalExpression(expr)) {
    const a = literalStrings(expr.whenTrue);
    const b = literalStrings(expr.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

/** Every literal key in a call `t('key', ...)`, with where it is. */
export function translationKeys(file: string, source: string): Array<{ key: string; line: number }> {
  const sf = parse(file, source);
  const keys: Array<{ key: string; line: number }> = [];
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isIdentifier(n.expression) || n.expression.text !== 't') return;
    const first = n.arguments[0];
    if (!first) return;
    for (const key of literalStrings(first) ?? []) keys.push({ key, line: lineOf(sf, n) });
  });
  return keys;
}

function templateHasLetters(node: ts.TemplateExpression): boolean {
  return HAS_LETTER.test(node.head.text) || node.templateSpans.some((s) => HAS_LETTER.test(s.literal.text));
}

function literalHasLetters(expr: ts.Expression): string | null {
  if ((ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) && HAS_LETTER.test(expr.text)) return expr.text;
  if (ts.isTemplateExpression(expr) && templateHasLetters(expr)) return expr.getText();
  if (ts.isParenthesizedExpression(expr)) return literalHasLetters(expr.expression);
  if (ts.isConditionalExpression(expr)) return literalHasLetters(expr.whenTrue) ?? literalHasLetters(expr.whenFalse);
  if (ts.isBinaryExpression(expr) && (expr.operatorToken.kind === ts.SyntaxKind.BarBarToken || expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
    return literalHasLetters(expr.right) ?? (expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? null : literalHasLetters(expr.left));
  }
  return null;
}

/** Text in JSX that a person would read but that does not come from `t()`. */
export function untranslatedText(file: string, source: string): Problem[] {
  const sf = parse(file, source);
  const problems: Problem[] = [];
  const report = (node: ts.Node, text: string) => problems.push({ file, line: lineOf(sf, node), text: text.trim().slice(0, 80) });
  walk(sf, (n) => {
    if (ts.isJsxText(n)) {
      if (HAS_LETTER.test(n.text)) report(n, n.text);
      return;
    }
    if (ts.isJsxExpression(n) && n.expression && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent))) {
      const text = literalHasLetters(n.expression);
      if (text !== null) report(n, text);
      return;
    }
    if (ts.isJsxAttribute(n) && n.initializer) {
      const name = n.name.getText(sf);
      if (!VISIBLE_ATTRIBUTES.has(name)) return;
      if (ts.isStringLiteral(n.initializer) && HAS_LETTER.test(n.initializer.text)) report(n, `${name}="${n.initializer.text}"`);
      else if (ts.isJsxExpression(n.initializer) && n.initializer.expression) {
        const text = literalHasLetters(n.initializer.expression);
        if (text !== null) report(n, `${name}={${text}}`);
      }
    }
  });
  return problems;
}

/** Relative imports of a source file (for the rule that web/ reaches the server over HTTP only). */
export function importSpecifiers(file: string, source: string): string[] {
  const sf = parse(file, source);
  const specs: string[] = [];
  walk(sf, (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) specs.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) specs.push(n.arguments[0].text);
  });
  return specs;
}

/** JSX attributes the CSP or safety rules forbid: inline `style`, raw HTML. */
export function forbiddenAttributes(file: string, source: string): Problem[] {
  const sf = parse(file, source);
  const problems: Problem[] = [];
  walk(sf, (n) => {
    if (ts.isJsxAttribute(n)) {
      const name = n.name.getText(sf);
      if (name === 'style' || name === 'dangerouslySetInnerHTML') problems.push({ file, line: lineOf(sf, n), text: name });
    }
  });
  return problems;
}
