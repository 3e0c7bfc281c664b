// The pack's start, as the compiled pack directory runs it (tools/build-policy-pack.ts writes an
// index.js that calls lightenSdk() and then requires policies/index.js). @pulumi/policy
// loads the whole @pulumi/pulumi SDK (some 700 modules, the TypeScript compiler among them) only to
// reach its asset classes and a few signature constants of runtime/rpc when it deserialises
// properties. Before the pack is required, those two modules are stood in for by objects that
// answer these members from light modules and load the real module on any other access: the same
// behaviour, a fraction of the start-up. Nothing is stood in for when the SDK is already loaded
// (a runner that loads it first, such as @pulumi/pulumi/cmd/run-policy-pack, keeps the real one).
import Module from "module";
import * as path from "path";

/** Signature constants of @pulumi/pulumi/runtime/rpc (a unit test checks them against the SDK). */
export const rpcSignatures = {
    specialSigKey: "4dabf18193072939515e22adb298388d",
    specialAssetSig: "c44067f5952c0a294b673a41bacd8c17",
    specialArchiveSig: "0def7320c3a5731c473e5ecbe6d01bc7",
    specialSecretSig: "1b47061264138c4ac30d75fd1eb44270",
} as const;

/**
 * Puts in the module cache, for `request`, an object whose `light` members come from their
 * loaders and whose other members load the real module. Returns false when the module is
 * already loaded (or cannot be found from the pack).
 */
export function standIn(request: string, light: Record<string, () => unknown>, from: string = __dirname): boolean {
    let file: string;
    try {
        file = require.resolve(request, { paths: [from] });
    } catch {
        return false;
    }
    if (require.cache[file]) {
        return false;
    }
    let real: Record<string | symbol, unknown> | undefined;
    const realModule = () => {
        if (!real) {
            delete require.cache[file];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real module, on first need
            real = require(file) as Record<string | symbol, unknown>;
        }
        return real;
    };
    const exports = new Proxy({} as Record<string | symbol, unknown>, {
        get: (_target, key) => (typeof key === "string" && key in light ? light[key]() : realModule()[key]),
        has: (_target, key) => (typeof key === "string" && key in light) || key in realModule(),
        ownKeys: () => Reflect.ownKeys(realModule()),
        getOwnPropertyDescriptor: (_target, key) => {
            const d = Object.getOwnPropertyDescriptor(realModule(), key);
            return d ? { ...d, configurable: true } : undefined;
        },
    });
    const entry = new Module(file) as NodeJS.Module;
    entry.filename = file;
    entry.loaded = true;
    entry.exports = exports;
    require.cache[file] = entry;
    return true;
}

/** The folder @pulumi/policy resolves its own @pulumi/pulumi from. */
function policyLibrary(): string {
    return path.dirname(require.resolve("@pulumi/policy/package.json"));
}

/** Stands in for the two SDK modules @pulumi/policy needs only a little of, as @pulumi/policy resolves them. */
export function lightenSdk(from: string = policyLibrary()): void {
    const sdk = (m: string) => () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a light part of the SDK, on first need
        return require(require.resolve(`@pulumi/pulumi/${m}`, { paths: [from] })) as unknown;
    };
    standIn("@pulumi/pulumi", { asset: sdk("asset") }, from);
    const constants = Object.fromEntries(Object.entries(rpcSignatures).map(([k, v]) => [k, () => v]));
    standIn("@pulumi/pulumi/runtime/rpc", constants, from);
}
