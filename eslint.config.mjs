// Lint configuration: ESLint's recommended rules plus typescript-eslint's, over every TypeScript
// source, and the import boundaries between the layers.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { boundaryConfigs } from "./eslint.boundaries.mjs";

export default tseslint.config(
    { ignores: ["dist/**", "node_modules/**", "**/node_modules/**", "tools/pulumi-toolchain/**"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            // Prettier wraps code at 140 columns (.prettierrc) but never breaks a comment or a
            // string; this bounds comments too, and leaves messages (strings) whole so they stay
            // searchable.
            "max-len": [
                "error",
                { code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true },
            ],
        },
    },
    // The layers, as import boundaries per folder (eslint.boundaries.mjs says which and why).
    ...boundaryConfigs(),
    {
        files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
        languageOptions: {
            globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly" },
        },
    },
);
