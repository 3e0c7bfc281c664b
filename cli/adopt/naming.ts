// Names of adopted objects in the bulk-import file. Each entry has two:
// - `logicalName`, the Pulumi resource name (the first argument of `new VirtualMachine(...)`, the
//   last part of the URN): the API's own name, so that `pulumi stack` reads like the console;
//   unique per type, since a URN is made of the type and this name;
// - `name`, the variable of the generated program: an identifier valid in TypeScript, Python, Go,
//   C#, Java and YAML, unique in the whole file (a bucket and a VM may share an API name, never a
//   variable), and never one of the words a generated program already uses.

/** Words no variable of a generated program may be: keywords of the languages `pulumi import` writes, and the names its code imports. */
const reservedWords = new Set(
    [
        // TypeScript and JavaScript
        "abstract",
        "any",
        "as",
        "async",
        "await",
        "boolean",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "constructor",
        "continue",
        "debugger",
        "declare",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "from",
        "function",
        "get",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "module",
        "namespace",
        "new",
        "null",
        "number",
        "of",
        "package",
        "private",
        "protected",
        "public",
        "readonly",
        "require",
        "return",
        "set",
        "static",
        "string",
        "super",
        "switch",
        "symbol",
        "this",
        "throw",
        "true",
        "try",
        "type",
        "typeof",
        "undefined",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "arguments",
        "eval",
        // Python
        "and",
        "assert",
        "def",
        "del",
        "elif",
        "except",
        "exec",
        "global",
        "is",
        "lambda",
        "nonlocal",
        "not",
        "or",
        "pass",
        "print",
        "raise",
        "none",
        // Go
        "chan",
        "defer",
        "fallthrough",
        "func",
        "go",
        "goto",
        "map",
        "range",
        "select",
        "struct",
        "ctx",
        "err",
        "string",
        "int",
        "bool",
        "error",
        // C# and Java
        "base",
        "byte",
        "char",
        "checked",
        "decimal",
        "double",
        "event",
        "explicit",
        "extern",
        "fixed",
        "float",
        "foreach",
        "implicit",
        "int",
        "internal",
        "lock",
        "long",
        "object",
        "operator",
        "out",
        "override",
        "params",
        "ref",
        "sbyte",
        "sealed",
        "short",
        "sizeof",
        "stackalloc",
        "uint",
        "ulong",
        "unchecked",
        "unsafe",
        "ushort",
        "using",
        "virtual",
        "volatile",
        "final",
        "native",
        "strictfp",
        "synchronized",
        "throws",
        "transient",
        // Names the generated programs import or declare
        "pulumi",
        "securetemple",
        "config",
        "outputs",
        "resources",
        "stack",
        "provider",
        "main",
        "index",
    ].map((w) => w.toLowerCase()),
);

/** The words of a name: runs of ASCII letters and digits. */
function words(text: string): string[] {
    return text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * A lowerCamelCase identifier from `text` ("web-01-disk-1" gives "web01Disk1"). `kindWord` stands
 * first when the name has no letter to start with ("01" gives "vm01") and last when the name is a
 * reserved word ("class" gives "classVm").
 */
export function identifierOf(text: string, kindWord: string): string {
    const parts = words(text);
    let id = parts.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : capitalise(w))).join("");
    if (!/^[A-Za-z]/.test(id)) {
        id = `${kindWord}${capitalise(id)}`;
    }
    if (reservedWords.has(id.toLowerCase())) {
        id = `${id}${capitalise(kindWord)}`;
    }
    return id;
}

/** A Pulumi resource name from an API name: the characters a URN and every backend keep ([A-Za-z0-9._-]), others become "-". */
export function logicalNameOf(text: string): string {
    const cleaned = text
        .trim()
        .replace(/[^A-Za-z0-9._-]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return cleaned || "unnamed";
}

/** Hands out names that are unique within one scope (a type, or the whole file), case-insensitively. */
export class NameScope {
    private readonly taken = new Set<string>();

    /** `wanted` if free, else the first free of `alternatives`, else `wanted` numbered from 2. */
    claim(wanted: string, alternatives: string[] = [], separator = ""): string {
        for (const candidate of [wanted, ...alternatives]) {
            if (!this.taken.has(candidate.toLowerCase())) {
                this.taken.add(candidate.toLowerCase());
                return candidate;
            }
        }
        for (let n = 2; ; n++) {
            const candidate = `${wanted}${separator}${n}`;
            if (!this.taken.has(candidate.toLowerCase())) {
                this.taken.add(candidate.toLowerCase());
                return candidate;
            }
        }
    }
}

/** The device number vCenter puts at the end of a device name ("Hard disk 2" gives 2), if any. */
export function deviceNumber(name: string | undefined): number | undefined {
    const match = /(\d+)\s*$/.exec(name ?? "");
    return match ? Number(match[1]) : undefined;
}
