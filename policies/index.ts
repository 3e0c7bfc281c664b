// The CrossGuard policy pack, as `pulumi preview --policy-pack <dir>` loads it. This is the only
// module that constructs a PolicyPack: the constructor starts a gRPC server and reads package.json
// from the working directory, so nothing else (tests, the engine, the CLI) may import this file.
import { PolicyPack } from "@pulumi/policy";
import { bilingual } from "../provider/catalog";
import { policies } from "./rules";

new PolicyPack("securetemple", {
    description: bilingual({
        fr: "Politiques de la convention de service Secure Temple (IaaS SecNumCloud de Cloud Temple).",
        en: "Policies of the Secure Temple service convention (Cloud Temple's SecNumCloud IaaS).",
    }),
    displayName: "Secure Temple",
    enforcementLevel: "advisory",
    policies: [...policies],
});
