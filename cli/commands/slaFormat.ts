// The formats of `securetemple sla`, apart from the command so that parsing the flag loads no table renderer.
import { parseChoice } from "../errors";

export const slaFormats = ["text", "json"] as const;
export type SlaFormat = (typeof slaFormats)[number];

export function parseSlaFormat(value: string): SlaFormat {
    return parseChoice(value, "--format", slaFormats);
}
