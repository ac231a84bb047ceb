import { join } from 'node:path';
import ts from 'typescript';

/** One optional property of an exported input type, and whether its doc comment says `@default`. */
export interface OptionalProp {
  readonly type: string;
  readonly prop: string;
  readonly file: string;
  readonly documented: boolean;
  /** 1-based line of the property. */
  readonly line: number;
}

/**
 * Exported types that describe output, not input (what a construct exposes, catalogues, error details): their
 * optional fields have no default to document.
 */
export const OUTPUT_TYPES: ReadonlySet<string> = new Set([
  'ConfigIssue', 'PlatformEndpoints', 'GitalyEndpoints', 'PraefectEndpoints', 'VirtualStorageEndpoints', 'ImageCatalogEntry',
  'SizePreset', 'SharedSecretSpec', 'SharedSecretKey', 'SecretFormat', 'SharedSecretCondition',
  'GitRepositorySpec', 'OCIRepositorySpec', 'KustomizationSpec', 'ReceiverSpec', 'HealthCheckReference', 'CrossNamespaceSourceReference',
]);

/**
 * Reads the package entry with the TypeScript compiler and lists every optional property of every exported
 * interface or type alias (nested object literals included), following the exports as users see them.
 */
export function optionalProps(root: string): OptionalProp[] {
  const entry = join(root, 'constructs/index.ts');
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const out: OptionalProp[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) || OUTPUT_TYPES.has(exported.name)) continue;
    for (const decl of symbol.declarations ?? []) {
      if (!decl.getSourceFile().fileName.startsWith(join(root, 'constructs'))) continue;
      visit(decl, exported.name, decl.getSourceFile().fileName.slice(root.length + 1), out);
    }
  }
  return out;
}

/**
 * A property documents its default with `@default` in its own doc comment; a member of an inline object type
 * (`rollingUpdate?: { maxSurge?; maxUnavailable? }`) may instead be covered by its parent's `@default`, which
 * describes the whole object.
 */
function visit(node: ts.Node, type: string, file: string, out: OptionalProp[], prefix = '', parentDefault = false): void {
  if (ts.isPropertySignature(node)) {
    const name = `${prefix}${node.name.getText()}`;
    const own = ts.getJSDocTags(node).some((t) => t.tagName.text === 'default')
      || /@default\b/.test(node.getFullText().slice(0, node.getLeadingTriviaWidth()));
    const documented = own || parentDefault;
    if (node.questionToken) {
      const line = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
      out.push({ type, prop: name, file, documented, line });
    }
    if (node.type) visit(node.type, type, file, out, `${name}.`, documented);
    return;
  }
  if (ts.isInterfaceDeclaration(node)) {
    node.members.forEach((m) => visit(m, type, file, out, prefix));
    return;
  }
  if (ts.isTypeLiteralNode(node)) {
    node.members.forEach((m) => visit(m, type, file, out, prefix, parentDefault));
    return;
  }
  if (ts.isTypeAliasDeclaration(node) || ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node) || ts.isParenthesizedTypeNode(node)
    || ts.isArrayTypeNode(node) || ts.isTypeOperatorNode(node) || ts.isTypeReferenceNode(node)) {
    ts.forEachChild(node, (child) => visit(child, type, file, out, prefix, parentDefault));
  }
}
