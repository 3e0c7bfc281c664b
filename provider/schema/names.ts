// The naming rule of virtual machines, shared by the VirtualMachine declaration (`check`) and the
// components that name VMs (Workload).
//
// Where it comes from: Cloud Temple's console accepts in VM names "alphanumeric characters,
// hyphens, underscores, dots and spaces" (documentation, IaaS OpenSource "create a VM", the
// restriction added in console v4.9.1); vSphere caps a VM name at 80 characters and escapes
// `%`, `/` and `\` in it; the public Terraform provider validates only bucket names
// (`^[a-zA-Z0-9_-]+$`, 1-255) and leaves VM names to the API, which stores whatever it is given.
// The kit takes the console's set without the space, in ASCII, starting with a letter or a digit:
// the name is the key by which the provider finds a VM again after an interrupted create (an
// exact-match lookup, where "web 1", "web  1" and "web 1 " differ invisibly), it is the default
// guest host name of a customised VM, and the backup side (Spectrum Protect Plus) reports VMs by
// it. Quotes, unicode and SQL-like text are refused by the same rule.
import type { Bilingual } from "../catalog/errors";
import type { PatternDecl } from "./types";

/** The longest VM name vSphere keeps. */
export const vmNameMaxLength = 80;

/** The shape of a VM name, with the pattern itself in the text so that a refusal shows it (the length is the declaration's maxLength). */
export const vmNamePattern = {
    test: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    text: {
        fr: "un nom de VM de lettres ASCII, chiffres, « - », « _ » et « . », commençant par une lettre ou un chiffre (^[A-Za-z0-9][A-Za-z0-9._-]*$)",
        en: 'a VM name of ASCII letters, digits, "-", "_" and ".", starting with a letter or a digit (^[A-Za-z0-9][A-Za-z0-9._-]*$)',
    },
} as const satisfies PatternDecl;

/** The whole rule, pattern and length, as components state it. */
export const vmNameRule: Bilingual = {
    fr: `${vmNamePattern.text.fr}, ${vmNameMaxLength} caractères au plus`,
    en: `${vmNamePattern.text.en}, ${vmNameMaxLength} characters at most`,
};

/** Whether `name` is a VM name the kit accepts (pattern and length). */
export function isVmName(name: string): boolean {
    return name.length <= vmNameMaxLength && vmNamePattern.test.test(name);
}
