// Lint configuration: ESLint's recommended rules plus typescript-eslint's, over every TypeScript source.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "**/node_modules/**", "tools/pulumi-toolchain/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        // The sandbox stands alone: it takes its tools (MinIO) from its caller, never from tools/.
        files: ["sandbox/**/*.ts"],
        rules: {
            "no-restricted-imports": ["error", { patterns: [{ group: ["**/tools/**", "../tools/*"], message: "The sandbox imports nothing from tools/: take the binary from the caller." }] }],
        },
    },
    {
        files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
        languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" } },
    },
);
