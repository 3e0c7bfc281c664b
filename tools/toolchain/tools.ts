// The tools of the toolchain by name, and which of them each use needs: the demo runs a TypeScript
// program against the sandbox (the CLI, the Node.js host, MinIO), the tests run everything,
// including the Python, Go and YAML hosts and OpenTofu.

/** Built by the Pulumi step into the Pulumi bin folder, next to the CLI. */
export const pulumiCoreTools = ["pulumi", "pulumi-language-nodejs"] as const;
/** Language hosts for Python, Go and YAML programs, built into the same folder. */
export const languageHostTools = ["pulumi-language-python", "pulumi-language-go", "pulumi-language-yaml"] as const;

export type ToolName = (typeof pulumiCoreTools)[number] | (typeof languageHostTools)[number] | "minio" | "tofu";

/** `demo`: what `npm run demo` needs; `all`: what `npm test` needs. */
export type ToolScope = "demo" | "all";

export function toolsFor(scope: ToolScope): ToolName[] {
    return scope === "demo" ? [...pulumiCoreTools, "minio"] : [...pulumiCoreTools, ...languageHostTools, "minio", "tofu"];
}
