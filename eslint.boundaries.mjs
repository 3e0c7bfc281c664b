// The layers of the kit, as import boundaries: for each folder, what no file under it may import.
// ESLint's own `no-restricted-imports` enforces them (no plugin, no module resolver): it matches
// the import specifier as written, so each boundary names packages by their name and folders of
// this repository by their path from the root, and `boundaryConfigs` turns a folder into the
// relative specifiers that reach it from every depth below the importing folder.

/** Node modules that talk to the outside world: disk, network, processes, the terminal. */
const ioModules = [
    "fs",
    "http",
    "https",
    "http2",
    "net",
    "tls",
    "dgram",
    "dns",
    "child_process",
    "worker_threads",
    "cluster",
    "readline",
    "inspector",
];
/** Packages of this kit that do I/O. */
const ioPackages = ["undici", "better-sqlite3", "@aws-sdk/", "@smithy/", "fastify", "light-my-request", "@pulumi/"];

/**
 * Each boundary: `folder` (from the root), and what its files may not import: `packages` (names,
 * a trailing "/" for a scope), `folders` (paths from the root, with what is below them), `modules`
 * (paths from the root of exactly one module), `onlyFolders` (every folder outside `folder` but
 * these). Folders of two boundaries never nest: one file gets one rule.
 */
export const boundaries = [
    {
        folder: "provider/api",
        packages: ["@pulumi/"],
        message:
            "provider/api is the client of the Secure Temple API: it runs without Pulumi (the SDK and the engine stay in provider/resources).",
    },
    {
        folder: "provider/catalog",
        packages: [...ioModules, ...ioModules.map((m) => `node:${m}`), ...ioPackages],
        folders: ["provider/api", "provider/resources", "provider/components", "sandbox", "tools"],
        message: "provider/catalog is the service catalogue as data: no I/O, no client, no engine.",
    },
    {
        folder: "provider/resources",
        folders: ["provider/components"],
        message: "Resources never import components: components are built from resources, not the other way round.",
    },
    {
        folder: "policies",
        packages: ["@pulumi/pulumi", "@pulumi/pulumi/"],
        onlyFolders: ["provider/catalog", "provider/resources/tokens"],
        message:
            "The policy pack reads only the catalogue and the type tokens (and @pulumi/policy): it judges declarations, it does not build them.",
    },
    {
        folder: "sandbox",
        folders: ["tools"],
        message: "The sandbox stands alone: it takes its tools (MinIO) from its caller, never from tools/.",
    },
    ...["policies", "cli", "test", "bench", "tools"].map((folder) => ({
        folder,
        modules: ["policies", "policies/index"],
        message:
            "Nothing imports policies/index.ts: constructing the PolicyPack starts a gRPC server and exits the process on a second pack.",
    })),
];

/** Deepest folder level below a boundary's folder that the generated globs cover. */
const maxDepth = 8;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const segments = (p) => (p === "" ? [] : p.split("/"));

/** The specifier that reaches `target` (from the root) from a folder `depth` levels below `folder`. */
function relativeSpecifier(folder, depth, target) {
    const from = segments(folder);
    const to = segments(target);
    let common = 0;
    while (common < from.length && common < to.length && from[common] === to[common]) {
        common += 1;
    }
    const up = from.length + depth - common;
    const down = to.slice(common).join("/");
    if (up === 0) {
        return down === "" ? "." : `./${down}`;
    }
    return [..."../".repeat(up).split("/").filter(Boolean), ...(down ? [down] : [])].join("/");
}

/** The `no-restricted-imports` patterns of one boundary for files `depth` levels below its folder. */
function patterns(boundary, depth) {
    const { message } = boundary;
    const out = [];
    for (const name of boundary.packages ?? []) {
        out.push({ regex: name.endsWith("/") ? `^${escape(name)}` : `^${escape(name)}$`, message });
    }
    for (const target of boundary.folders ?? []) {
        out.push({ regex: `^${escape(relativeSpecifier(boundary.folder, depth, target))}(/.*)?$`, message });
    }
    for (const target of boundary.modules ?? []) {
        out.push({ regex: `^${escape(relativeSpecifier(boundary.folder, depth, target))}/?$`, message });
    }
    if (boundary.onlyFolders) {
        const allowed = boundary.onlyFolders.map((t) => `${escape(relativeSpecifier(boundary.folder, depth, t))}(/.*)?$`).join("|");
        // Leaving the folder takes one "../" more than the depth; then only the allowed targets.
        out.push({ regex: `^(?!(${allowed}))(\\.\\./){${depth + 1}}`, message });
    }
    return out;
}

/** Flat-config entries, one per folder and depth, each with every boundary of that folder. */
export function boundaryConfigs(list = boundaries) {
    const folders = [...new Set(list.map((b) => b.folder))];
    for (const a of folders) {
        for (const b of folders) {
            if (a !== b && b.startsWith(`${a}/`)) {
                throw new Error(`import boundaries: ${b} nests in ${a}; give one folder one rule`);
            }
        }
    }
    return folders.flatMap((folder) =>
        Array.from({ length: maxDepth + 1 }, (_, depth) => ({
            files: [`${folder}/${"*/".repeat(depth)}*.ts`],
            rules: {
                "no-restricted-imports": [
                    "error",
                    { patterns: list.filter((b) => b.folder === folder).flatMap((b) => patterns(b, depth)) },
                ],
            },
        })),
    );
}
